using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Portal.Data.Migrations;

internal static class MigrationExtensions
{
    /// <summary>An auto-generated integer key, on every provider this portal supports (each reads its own annotation).</summary>
    public static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity(
        this OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> column) =>
        column.Annotation("Sqlite:Autoincrement", true)
            .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn);

    public static bool IsPostgres(this Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder mb) =>
        mb.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";
}
