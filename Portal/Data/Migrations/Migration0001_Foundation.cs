using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Data.Migrations;

/// <summary>
/// Units, Identity's users and roles, documents and their grants, the audit log.
/// Written by hand (the EF design package is not available); column types are left to the provider so that
/// the same migration serves SQLite and PostgreSQL. <c>MigrationSchemaTests</c> proves it matches the model.
/// </summary>
[DbContext(typeof(PortalDbContext))]
[Migration("20261122000001_Foundation")]
public sealed class Migration0001_Foundation : Migration
{
    protected override void Up(MigrationBuilder mb)
    {
        mb.CreateTable("AspNetRoles", t => new
        {
            Id = t.Column<string>(nullable: false),
            Name = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedName = t.Column<string>(maxLength: 256, nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AspNetRoles", x => x.Id));

        mb.CreateTable("AuditEntries", t => new
        {
            Id = t.Column<long>(nullable: false).Identity(),
            At = t.Column<DateTime>(nullable: false),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            Action = t.Column<string>(maxLength: 100, nullable: false),
            Entity = t.Column<string>(maxLength: 100, nullable: true),
            EntityId = t.Column<string>(maxLength: 100, nullable: true),
            Before = t.Column<string>(nullable: true),
            After = t.Column<string>(nullable: true),
        }, constraints: t => t.PrimaryKey("PK_AuditEntries", x => x.Id));

        mb.CreateTable("Units", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Name = t.Column<string>(maxLength: 100, nullable: false),
            ShortName = t.Column<string>(maxLength: 50, nullable: true),
            Kind = t.Column<int>(nullable: false),
            SortOrder = t.Column<int>(nullable: false),
            IsActive = t.Column<bool>(nullable: false),
        }, constraints: t => t.PrimaryKey("PK_Units", x => x.Id));

        mb.CreateTable("AspNetRoleClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            RoleId = t.Column<string>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
            t.ForeignKey("FK_AspNetRoleClaims_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUsers", t => new
        {
            Id = t.Column<string>(nullable: false),
            DisplayName = t.Column<string>(maxLength: 100, nullable: false),
            UnitId = t.Column<int>(nullable: true),
            UserName = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedUserName = t.Column<string>(maxLength: 256, nullable: true),
            Email = t.Column<string>(maxLength: 256, nullable: true),
            NormalizedEmail = t.Column<string>(maxLength: 256, nullable: true),
            EmailConfirmed = t.Column<bool>(nullable: false),
            PasswordHash = t.Column<string>(nullable: true),
            SecurityStamp = t.Column<string>(nullable: true),
            ConcurrencyStamp = t.Column<string>(nullable: true),
            PhoneNumber = t.Column<string>(nullable: true),
            PhoneNumberConfirmed = t.Column<bool>(nullable: false),
            TwoFactorEnabled = t.Column<bool>(nullable: false),
            LockoutEnd = t.Column<DateTimeOffset>(nullable: true),
            LockoutEnabled = t.Column<bool>(nullable: false),
            AccessFailedCount = t.Column<int>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUsers", x => x.Id);
            t.ForeignKey("FK_AspNetUsers_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Restrict);
        });

        mb.CreateTable("Documents", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            Title = t.Column<string>(maxLength: 500, nullable: false),
            DocNumber = t.Column<string>(maxLength: 100, nullable: true),
            DocType = t.Column<string>(maxLength: 20, nullable: false),
            IssuingUnitId = t.Column<int>(nullable: true),
            IssuingUnitName = t.Column<string>(maxLength: 200, nullable: true),
            DocDate = t.Column<DateOnly>(nullable: true),
            Visibility = t.Column<int>(nullable: false),
            Body = t.Column<string>(nullable: false),
            SourceFileName = t.Column<string>(maxLength: 260, nullable: true),
            Part = t.Column<int>(nullable: true),
            ContentHash = t.Column<string>(maxLength: 64, nullable: false),
            CreatedAt = t.Column<DateTime>(nullable: false),
            UpdatedAt = t.Column<DateTime>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_Documents", x => x.Id);
            t.ForeignKey("FK_Documents_Units_IssuingUnitId", x => x.IssuingUnitId, "Units", "Id", onDelete: ReferentialAction.SetNull);
        });

        mb.CreateTable("AspNetUserClaims", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            UserId = t.Column<string>(nullable: false),
            ClaimType = t.Column<string>(nullable: true),
            ClaimValue = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
            t.ForeignKey("FK_AspNetUserClaims_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserLogins", t => new
        {
            LoginProvider = t.Column<string>(nullable: false),
            ProviderKey = t.Column<string>(nullable: false),
            ProviderDisplayName = t.Column<string>(nullable: true),
            UserId = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
            t.ForeignKey("FK_AspNetUserLogins_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserRoles", t => new
        {
            UserId = t.Column<string>(nullable: false),
            RoleId = t.Column<string>(nullable: false),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
            t.ForeignKey("FK_AspNetUserRoles_AspNetRoles_RoleId", x => x.RoleId, "AspNetRoles", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_AspNetUserRoles_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("AspNetUserTokens", t => new
        {
            UserId = t.Column<string>(nullable: false),
            LoginProvider = t.Column<string>(nullable: false),
            Name = t.Column<string>(nullable: false),
            Value = t.Column<string>(nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
            t.ForeignKey("FK_AspNetUserTokens_AspNetUsers_UserId", x => x.UserId, "AspNetUsers", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateTable("DocumentGrants", t => new
        {
            Id = t.Column<int>(nullable: false).Identity(),
            DocumentId = t.Column<int>(nullable: false),
            UnitId = t.Column<int>(nullable: true),
            Role = t.Column<string>(maxLength: 20, nullable: true),
        }, constraints: t =>
        {
            t.PrimaryKey("PK_DocumentGrants", x => x.Id);
            t.ForeignKey("FK_DocumentGrants_Documents_DocumentId", x => x.DocumentId, "Documents", "Id", onDelete: ReferentialAction.Cascade);
            t.ForeignKey("FK_DocumentGrants_Units_UnitId", x => x.UnitId, "Units", "Id", onDelete: ReferentialAction.Cascade);
        });

        mb.CreateIndex("IX_AspNetRoleClaims_RoleId", "AspNetRoleClaims", "RoleId");
        mb.CreateIndex("RoleNameIndex", "AspNetRoles", "NormalizedName", unique: true);
        mb.CreateIndex("IX_AspNetUserClaims_UserId", "AspNetUserClaims", "UserId");
        mb.CreateIndex("IX_AspNetUserLogins_UserId", "AspNetUserLogins", "UserId");
        mb.CreateIndex("IX_AspNetUserRoles_RoleId", "AspNetUserRoles", "RoleId");
        mb.CreateIndex("EmailIndex", "AspNetUsers", "NormalizedEmail");
        mb.CreateIndex("IX_AspNetUsers_UnitId", "AspNetUsers", "UnitId");
        mb.CreateIndex("UserNameIndex", "AspNetUsers", "NormalizedUserName", unique: true);
        mb.CreateIndex("IX_AuditEntries_At", "AuditEntries", "At");
        mb.CreateIndex("IX_DocumentGrants_DocumentId", "DocumentGrants", "DocumentId");
        mb.CreateIndex("IX_DocumentGrants_UnitId", "DocumentGrants", "UnitId");
        mb.CreateIndex("IX_Documents_ContentHash", "Documents", "ContentHash");
        mb.CreateIndex("IX_Documents_DocDate", "Documents", "DocDate");
        mb.CreateIndex("IX_Documents_IssuingUnitId", "Documents", "IssuingUnitId");
        mb.CreateIndex("IX_Units_Name", "Units", "Name", unique: true);
    }

    protected override void Down(MigrationBuilder mb)
    {
        foreach (var table in new[]
                 {
                     "AspNetRoleClaims", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserRoles", "AspNetUserTokens",
                     "DocumentGrants", "AuditEntries", "Documents", "AspNetRoles", "AspNetUsers", "Units",
                 })
            mb.DropTable(table);
    }
}
