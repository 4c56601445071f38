using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ViewIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_AssigneeId_Status_UpdatedAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Status_SolvedAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Status_UpdatedAt_Id",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Assigned",
                table: "Conversations",
                columns: new[] { "AssigneeId", "UpdatedAt", "Id" },
                filter: "\"Status\" IN ('New', 'Open', 'Pending', 'OnHold')");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Open",
                table: "Conversations",
                columns: new[] { "UpdatedAt", "Id" },
                filter: "\"Status\" IN ('New', 'Open')");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Pending",
                table: "Conversations",
                columns: new[] { "UpdatedAt", "Id" },
                filter: "\"Status\" IN ('Pending', 'OnHold')");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Solved",
                table: "Conversations",
                columns: new[] { "UpdatedAt", "Id" },
                filter: "\"Status\" = 'Solved'");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_SolvedAt",
                table: "Conversations",
                column: "SolvedAt",
                filter: "\"Status\" = 'Solved'");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Unassigned",
                table: "Conversations",
                columns: new[] { "UpdatedAt", "Id" },
                filter: "\"AssigneeId\" IS NULL AND \"Status\" IN ('New', 'Open', 'Pending', 'OnHold')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Conversations_Assigned",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Open",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Pending",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Solved",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_SolvedAt",
                table: "Conversations");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_Unassigned",
                table: "Conversations");

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_AssigneeId_Status_UpdatedAt",
                table: "Conversations",
                columns: new[] { "AssigneeId", "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Status_SolvedAt",
                table: "Conversations",
                columns: new[] { "Status", "SolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_Status_UpdatedAt_Id",
                table: "Conversations",
                columns: new[] { "Status", "UpdatedAt", "Id" });
        }
    }
}
