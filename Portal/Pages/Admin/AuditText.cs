namespace Portal.Pages.Admin;

/// <summary>What the audit log's lines mean in Chinese: the action's name and the kind of object it concerns.</summary>
public static class AuditText
{
    private static readonly Dictionary<string, string> Actions = new()
    {
        ["submission.create"] = "报送信息", ["submission.edit"] = "修改信息", ["submission.adopt"] = "采用信息",
        ["submission.revoke"] = "撤销采用", ["submission.decline"] = "不采用信息", ["submission.return"] = "退回信息",
        ["submission.instruction"] = "登记领导批示", ["submission.instruction.remove"] = "删除领导批示",
        ["submission.points"] = "信息得分变化", ["submission.rule"] = "修改计分规则", ["submission.import"] = "导入信息报送台账",
        ["supervision.create"] = "登记督办事项", ["supervision.import"] = "导入督办事项", ["supervision.assign"] = "交办督办事项",
        ["supervision.report"] = "报送办理进展", ["supervision.close"] = "办结督办事项", ["supervision.extend"] = "延期督办事项",
        ["supervision.reply"] = "登记答复", ["supervision.sendback"] = "退回办结申请",
        ["supervision.reopen"] = "撤销办结", ["supervision.urge"] = "催办督办事项",
    };

    /// <summary>The kinds an administrator filters by, each with the entities (or sign-in actions) it covers.</summary>
    public static readonly IReadOnlyList<(string Key, string Label, string[] Entities)> Kinds =
    [
        ("login", "登录", []),
        ("user", "用户与单位", ["User", "Unit"]),
        ("submission", "信息报送", ["Submission", "ScoringRule"]),
        ("supervision", "督查督办", ["SupervisionTask"]),
        ("evaluation", "年度考评", ["EvaluationRound"]),
        ("library", "文档与检索", ["Document", "SourceFile", "DictionaryWord", "SearchIndex"]),
    ];

    public static bool IsSignIn(string action) => action.StartsWith("登录", StringComparison.Ordinal) || action == "停用账户登录";

    /// <summary>The action's name: the code's Chinese, or “考评得分.录入” read as 录入考评得分; a Chinese name as it is.</summary>
    public static string Action(string action)
    {
        if (Actions.TryGetValue(action, out var name)) return name;
        var dot = action.IndexOf('.');
        return dot > 0 && action[0] > 0x2E80 ? action[(dot + 1)..] + action[..dot] : action;
    }

    /// <summary>The object after the action, which already names its kind: 采用信息《标题》, 停用单位“名称”, 新建用户 姓名（登录名）.</summary>
    public static string Object(string? entity, string? title) => (entity, title) switch
    {
        (_, null or "") => "",
        ("Submission" or "SupervisionTask" or "EvaluationRound" or "Document", _) => $"《{title}》",
        ("ScoringRule", _) => $"{title}年计分规则",
        ("Unit", _) => $"单位“{title}”",
        ("User", _) => $"用户 {title}",
        ("DictionaryWord", _) => $"用户词“{title}”",
        _ => title,
    };
}
