using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Parley.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class InboundEmail : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ImapFolder",
                table: "SupportAddresses",
                type: "character varying(255)",
                maxLength: 255,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ImapHost",
                table: "SupportAddresses",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImapPasswordProtected",
                table: "SupportAddresses",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImapPort",
                table: "SupportAddresses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ImapTls",
                table: "SupportAddresses",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ImapUserName",
                table: "SupportAddresses",
                type: "character varying(255)",
                maxLength: 255,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InboundRoute",
                table: "SupportAddresses",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastInboundCheckAt",
                table: "SupportAddresses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastInboundCheckDetail",
                table: "SupportAddresses",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LastInboundCheckSucceeded",
                table: "SupportAddresses",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "InboundKeyProtected",
                table: "Settings",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "InboundEmails",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    SupportAddressId = table.Column<Guid>(type: "uuid", nullable: true),
                    MessageKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FromAddress = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    FromName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    RoutedBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: true),
                    PostedMessageId = table.Column<Guid>(type: "uuid", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: true),
                    HandledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    HandledByAgentId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundEmails", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InboundEmails_Conversations_ConversationId",
                        column: x => x.ConversationId,
                        principalTable: "Conversations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_InboundEmails_SupportAddresses_SupportAddressId",
                        column: x => x.SupportAddressId,
                        principalTable: "SupportAddresses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MailboxCheckpoints",
                columns: table => new
                {
                    SupportAddressId = table.Column<Guid>(type: "uuid", nullable: false),
                    Folder = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    UidValidity = table.Column<long>(type: "bigint", nullable: false),
                    LastUid = table.Column<long>(type: "bigint", nullable: false),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LastPolledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailboxCheckpoints", x => x.SupportAddressId);
                    table.ForeignKey(
                        name: "FK_MailboxCheckpoints_SupportAddresses_SupportAddressId",
                        column: x => x.SupportAddressId,
                        principalTable: "SupportAddresses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InboundEmailContents",
                columns: table => new
                {
                    InboundEmailId = table.Column<Guid>(type: "uuid", nullable: false),
                    Raw = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InboundEmailContents", x => x.InboundEmailId);
                    table.ForeignKey(
                        name: "FK_InboundEmailContents_InboundEmails_InboundEmailId",
                        column: x => x.InboundEmailId,
                        principalTable: "InboundEmails",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InboundEmails_ConversationId_Status",
                table: "InboundEmails",
                columns: new[] { "ConversationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundEmails_MessageKey",
                table: "InboundEmails",
                column: "MessageKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InboundEmails_PostedMessageId",
                table: "InboundEmails",
                column: "PostedMessageId");

            migrationBuilder.CreateIndex(
                name: "IX_InboundEmails_Status_ReceivedAt",
                table: "InboundEmails",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InboundEmails_SupportAddressId",
                table: "InboundEmails",
                column: "SupportAddressId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InboundEmailContents");

            migrationBuilder.DropTable(
                name: "MailboxCheckpoints");

            migrationBuilder.DropTable(
                name: "InboundEmails");

            migrationBuilder.DropColumn(
                name: "ImapFolder",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "ImapHost",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "ImapPasswordProtected",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "ImapPort",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "ImapTls",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "ImapUserName",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "InboundRoute",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "LastInboundCheckAt",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "LastInboundCheckDetail",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "LastInboundCheckSucceeded",
                table: "SupportAddresses");

            migrationBuilder.DropColumn(
                name: "InboundKeyProtected",
                table: "Settings");
        }
    }
}
