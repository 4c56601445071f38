using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BusinessHoursAndPresence : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The settings row that exists already starts from Offline, as a new one does.
            migrationBuilder.AddColumn<string>(
                name: "AnnouncedStatus",
                table: "Settings",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Offline");

            migrationBuilder.AddColumn<long>(
                name: "LastSeenAt",
                table: "Agents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BusinessSchedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    Intervals = table.Column<string>(type: "TEXT", nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BusinessSchedules", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BusinessSchedules_IsDefault",
                table: "BusinessSchedules",
                column: "IsDefault",
                unique: true,
                filter: "\"IsDefault\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BusinessSchedules");

            migrationBuilder.DropColumn(
                name: "AnnouncedStatus",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "LastSeenAt",
                table: "Agents");
        }
    }
}
