namespace Portal.Pages.Supervision;

/// <summary>The feature's Chinese names, in one place (pages, Excel and import all read them from here).</summary>
public static class SupervisionText
{
    public static string Of(TaskSource s) => s switch
    {
        TaskSource.LeaderInstruction => "领导批示件",
        TaskSource.StandingMeeting => "常务会议定事项",
        TaskSource.NpcSuggestion => "人大建议",
        TaskSource.CppccProposal => "政协提案",
        TaskSource.KeyWork => "重点工作",
        TaskSource.AssignedMatter => "交办事项",
        _ => s.ToString(),
    };

    public static string Of(TaskPriority p) => p switch
    {
        TaskPriority.Normal => "一般",
        TaskPriority.Important => "重要",
        TaskPriority.Urgent => "紧急",
        _ => p.ToString(),
    };

    public static string Of(SupervisionStatus s) => s switch
    {
        SupervisionStatus.Registered => "立项",
        SupervisionStatus.Assigned => "已交办",
        SupervisionStatus.InProgress => "办理中",
        SupervisionStatus.Closed => "已办结",
        _ => s.ToString(),
    };

    public static string Of(ReplyType r) => r switch
    {
        ReplyType.ResolvedAdopted => "解决采纳",
        ReplyType.Planned => "列入计划",
        ReplyType.Explained => "说明解释",
        _ => r.ToString(),
    };

    public static string Of(Satisfaction s) => s switch
    {
        Satisfaction.Satisfied => "满意",
        Satisfaction.BasicallySatisfied => "基本满意",
        Satisfaction.Dissatisfied => "不满意",
        _ => s.ToString(),
    };

    public static string Of(TaskEventKind k) => k switch
    {
        TaskEventKind.Registered => "立项",
        TaskEventKind.Assigned => "交办",
        TaskEventKind.Reported => "报送进展",
        TaskEventKind.Extended => "延期",
        TaskEventKind.SentBack => "退回办结申请",
        TaskEventKind.Closed => "办结销号",
        TaskEventKind.Replied => "答复",
        TaskEventKind.Imported => "台账导入",
        TaskEventKind.Urged => "催办",
        TaskEventKind.Reopened => "撤销办结",
        _ => k.ToString(),
    };

    public static string Of(WarningLevel w) => w switch
    {
        WarningLevel.Yellow => "临期",
        WarningLevel.Red => "逾期",
        _ => "",
    };

    /// <summary>Reads a Chinese name back (import); null when it is not one of <typeparamref name="T"/>'s names.</summary>
    public static T? Parse<T>(string? text, Func<T, string> name) where T : struct, Enum
    {
        var t = text?.Trim();
        if (string.IsNullOrEmpty(t)) return null;
        foreach (var v in Enum.GetValues<T>())
            if (name(v) == t) return v;
        return null;
    }

    public static IEnumerable<T> All<T>() where T : struct, Enum => Enum.GetValues<T>();
}
