using System.Data.Common;

namespace Portal.Data;

/// <summary>Parameters for raw SQL written for both providers (<c>@name</c> in the text).</summary>
public static class DbCommandExtensions
{
    public static DbParameter AddParameter(this DbCommand cmd, string name, object? value = null)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
        return p;
    }
}
