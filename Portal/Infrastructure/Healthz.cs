using Portal.Data;

namespace Portal.Infrastructure;

public static class Healthz
{
    /// <summary><c>/healthz</c>: 200 when the database answers, 503 when it does not. No sign-in needed.</summary>
    public static void MapHealthz(this WebApplication app) =>
        app.MapGet("/healthz", async (PortalConnection db) =>
        {
            try
            {
                await using var c = db.Open();
                await using var cmd = c.CreateCommand();
                cmd.CommandText = """SELECT count(*) FROM "Units" """;
                await cmd.ExecuteScalarAsync();
                return Results.Text("ok", statusCode: 200);
            }
            catch (Exception ex)
            {
                return Results.Text("database unavailable: " + ex.GetType().Name, statusCode: 503);
            }
        }).AllowAnonymous();
}
