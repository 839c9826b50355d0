using Microsoft.EntityFrameworkCore.Migrations.Operations.Builders;

namespace Portal.Data.Migrations;

internal static class MigrationExtensions
{
    /// <summary>An auto-generated integer key, on every provider this portal supports.</summary>
    public static OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> Identity(
        this OperationBuilder<Microsoft.EntityFrameworkCore.Migrations.Operations.AddColumnOperation> column) =>
        // The PostgreSQL provider's identity annotation joins this one when that provider lands.
        column.Annotation("Sqlite:Autoincrement", true);
}
