using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OutboundEmailFromSeq : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "FromSeq",
                table: "OutboundEmails",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FromSeq",
                table: "OutboundEmails");
        }
    }
}
