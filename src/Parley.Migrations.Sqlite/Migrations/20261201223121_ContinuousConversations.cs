using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ContinuousConversations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ContinuityTriggerId",
                table: "Settings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkSigningKey",
                table: "Settings",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "LastEmailedAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastEmailedTo",
                table: "Conversations",
                type: "TEXT",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NotEmailedAt",
                table: "Conversations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NotEmailedReason",
                table: "Conversations",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyToken",
                table: "Conversations",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EmailTemplates",
                columns: table => new
                {
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    TextBody = table.Column<string>(type: "TEXT", maxLength: 50000, nullable: true),
                    HtmlBody = table.Column<string>(type: "TEXT", maxLength: 100000, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailTemplates", x => x.Language);
                });

            migrationBuilder.CreateTable(
                name: "SupportAddresses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IsDefault = table.Column<bool>(type: "INTEGER", nullable: false),
                    Route = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SmtpHost = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    SmtpPort = table.Column<int>(type: "INTEGER", nullable: false),
                    SmtpTls = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SmtpUserName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    SmtpPasswordProtected = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DkimDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    DkimSelector = table.Column<string>(type: "TEXT", maxLength: 63, nullable: true),
                    DkimPrivateKeyProtected = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    LastCheckAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastCheckSucceeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastCheckDetail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportAddresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutboundEmails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SupportAddressId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConversationId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EndUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ToAddress = table.Column<string>(type: "TEXT", maxLength: 254, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Mime = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ThroughSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    MessageCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LastResult = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundEmails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboundEmails_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_OutboundEmails_EndUsers_EndUserId",
                        column: x => x.EndUserId,
                        principalTable: "EndUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_OutboundEmails_SupportAddresses_SupportAddressId",
                        column: x => x.SupportAddressId,
                        principalTable: "SupportAddresses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutboundEmailAttempts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EmailId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundEmailAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboundEmailAttempts_OutboundEmails_EmailId",
                        column: x => x.EmailId,
                        principalTable: "OutboundEmails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Conversations_ReplyToken",
                table: "Conversations",
                column: "ReplyToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmailAttempts_EmailId_At",
                table: "OutboundEmailAttempts",
                columns: new[] { "EmailId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_ConversationId_CreatedAt",
                table: "OutboundEmails",
                columns: new[] { "ConversationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_Due",
                table: "OutboundEmails",
                column: "DueAt",
                filter: "\"DueAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_EndUserId",
                table: "OutboundEmails",
                column: "EndUserId");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_MessageId",
                table: "OutboundEmails",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEmails_SupportAddressId",
                table: "OutboundEmails",
                column: "SupportAddressId");

            migrationBuilder.CreateIndex(
                name: "IX_SupportAddresses_Address",
                table: "SupportAddresses",
                column: "Address",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailTemplates");

            migrationBuilder.DropTable(
                name: "OutboundEmailAttempts");

            migrationBuilder.DropTable(
                name: "OutboundEmails");

            migrationBuilder.DropTable(
                name: "SupportAddresses");

            migrationBuilder.DropIndex(
                name: "IX_Conversations_ReplyToken",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ContinuityTriggerId",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "LinkSigningKey",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "LastEmailedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "LastEmailedTo",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "NotEmailedAt",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "NotEmailedReason",
                table: "Conversations");

            migrationBuilder.DropColumn(
                name: "ReplyToken",
                table: "Conversations");
        }
    }
}
