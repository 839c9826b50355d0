namespace Portal.Data;

/// <summary>One line of the audit log: sign-ins and data changes (who, when, what, before, after).</summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserName { get; set; }
    public string Action { get; set; } = "";
    public string? Entity { get; set; }
    public string? EntityId { get; set; }
    public string? Before { get; set; }
    public string? After { get; set; }
    /// <summary>The client's IP address (through a configured proxy, the user's own), null outside a request.</summary>
    public string? ClientAddress { get; set; }
}
