namespace Portal.Identity;

/// <summary>The four roles of the portal. Names are stable identifiers; the UI shows <see cref="Display"/>.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Staff = "Staff";
    public const string Liaison = "Liaison";
    public const string Leader = "Leader";

    public static readonly string[] All = { Admin, Staff, Liaison, Leader };

    public static string Display(string role) => role switch
    {
        Admin => "系统管理员",
        Staff => "办公室工作人员",
        Liaison => "单位联络员",
        Leader => "领导",
        _ => role,
    };
}

/// <summary>Authorisation policies, one per kind of access; feature folders are bound to them in Program.</summary>
public static class Policies
{
    public const string Admin = "Admin";
    /// <summary>Office staff and administrators: they run the office's workflows.</summary>
    public const string Office = "Office";
    /// <summary>Those who read statistics and rankings: staff, leaders and administrators.</summary>
    public const string Readers = "Readers";
    /// <summary>Those who take part in submissions and supervision: liaisons, staff and administrators.</summary>
    public const string Workflow = "Workflow";
    /// <summary>
    /// Those who read the workflows' lists and items: liaisons, staff, administrators, and leaders, who read what their
    /// dashboard shows (their posts are refused by <see cref="Infrastructure.LeadersReadOnlyAttribute"/>).
    /// </summary>
    public const string WorkflowReaders = "WorkflowReaders";
}
