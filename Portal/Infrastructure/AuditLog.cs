using Portal.Data;

namespace Portal.Infrastructure;

/// <summary>Writes audit lines in the caller's unit of work (saved with the change it describes).</summary>
public sealed class AuditLog(PortalDbContext db, TimeProvider time, CurrentUser user)
{
    public void Add(string action, string? entity = null, string? entityId = null, string? before = null, string? after = null, string? userName = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow().UtcDateTime,
            UserName = userName ?? user.UserName,
            Action = action,
            Entity = entity,
            EntityId = entityId,
            Before = before,
            After = after,
            ClientAddress = user.Address,
        });
    }
}
