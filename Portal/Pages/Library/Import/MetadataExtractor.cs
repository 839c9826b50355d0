using System.Text.RegularExpressions;
using Portal.Data;

namespace Portal.Pages.Library.Import;

/// <summary>
/// Title, 文号, type, date and issuing unit as the text states them. A website's 更新时间 or a page stamp is never
/// taken for the document's date (those lines are removed as noise before this runs), nor is a year in a title.
/// </summary>
public static partial class MetadataExtractor
{
    // --- 文号 -----------------------------------------------------------------------------------------------

    /// <summary>X政办发〔2024〕41号, 国发[2023]5号, 浙消安委（2017）4号 — any bracket users and converters produce.</summary>
    [GeneratedRegex(@"[\p{IsCJKUnifiedIdeographs}A-Za-zＸ×]{1,15}\s*[〔\[［（(【]\s*(\d{4}|\d{2}[XxＸ×]{2}|[XxＸ×]{4})\s*[〕\]］）)】]\s*(\d{1,4}|[XxＸ×]{1,3})\s*号")]
    private static partial Regex DocNumber();

    public static bool IsDocNumberLine(string line) => line.Length <= 40 && DocNumber().IsMatch(line);

    /// <summary>The 文号 printed on the document: on a line of its own near the top (one cited in the text is not it).</summary>
    public static string? FindDocNumber(IEnumerable<string> headLines)
    {
        foreach (var line in headLines)
        {
            if (line.Length > 60) continue;
            var m = DocNumber().Match(line);
            if (m.Success) return Regex.Replace(m.Value, @"\s+", "");
        }
        return null;
    }

    // --- date -----------------------------------------------------------------------------------------------

    [GeneratedRegex(@"^[（(]?\s*(?<y>(19|20)\d{2})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日\s*[）)]?$")]
    private static partial Regex DateLine();

    /// <summary>（2024年3月5日在全市…会议上） — the date line under a speech's title.</summary>
    [GeneratedRegex(@"^[（(]\s*(?<y>(19|20)\d{2})\s*年\s*(?<m>\d{1,2})\s*月\s*(?<d>\d{1,2})\s*日[^）)]{0,60}[）)]$")]
    private static partial Regex SpeechDateLine();

    [GeneratedRegex(@"^(成文日期|印发日期|签发日期|发文日期)\s*[：:]\s*(?<y>(19|20)\d{2})\s*[年\-/.]\s*(?<m>\d{1,2})\s*[月\-/.]\s*(?<d>\d{1,2})")]
    private static partial Regex DateField();

    public static DateOnly? FindDate(IReadOnlyList<string> paragraphs, out int lineIndex)
    {
        lineIndex = -1;
        // The date of a 公文 is under its signature at the end; a speech's is under its title at the start.
        var candidates = Enumerable.Range(0, paragraphs.Count)
            .Where(i => i < 6 || i >= paragraphs.Count - 6).ToList();
        foreach (var i in candidates)
        {
            var line = paragraphs[i].Trim();
            var m = DateLine().Match(line);
            if (!m.Success) m = SpeechDateLine().Match(line);
            if (!m.Success) m = DateField().Match(line);
            if (m.Success && TryDate(m, out var date))
            {
                lineIndex = i;
                return date;
            }
        }
        return null;
    }

    private static bool TryDate(Match m, out DateOnly date)
    {
        date = default;
        var y = int.Parse(m.Groups["y"].Value);
        var mo = int.Parse(m.Groups["m"].Value);
        var d = int.Parse(m.Groups["d"].Value);
        if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, mo)) return false;
        date = new DateOnly(y, mo, d);
        return true;
    }

    // --- issuing unit ---------------------------------------------------------------------------------------

    [GeneratedRegex(@"^[\p{IsCJKUnifiedIdeographs}（）()]{3,30}(办公室|办公厅|人民政府|委员会|政府|局|厅|委|办|中心|研究室|院|所|处|科|部)$")]
    private static partial Regex UnitLine();

    /// <summary>The signature line just above the closing date of a 公文.</summary>
    public static string? FindUnit(IReadOnlyList<string> paragraphs, int dateIndex)
    {
        if (dateIndex <= 0 || dateIndex < paragraphs.Count - 6) return null;
        var line = paragraphs[dateIndex - 1].Trim();
        return UnitLine().IsMatch(line) ? line : null;
    }

    // --- type -----------------------------------------------------------------------------------------------

    private static readonly (string Keyword, string Type)[] TitleKeywords =
    {
        ("讲话", "讲话"), ("講話", "讲话"), ("发言", "讲话"), ("發言", "讲话"), ("致辞", "讲话"), ("致辭", "讲话"),
        ("通知", "通知"), ("请示", "请示"), ("請示", "请示"), ("批复", "批复"), ("批覆", "批复"), ("通报", "通报"), ("通報", "通报"),
        ("意见", "意见"), ("意見", "意见"), ("纪要", "纪要"), ("紀要", "纪要"), ("总结", "总结"), ("總結", "总结"),
        ("计划", "计划/方案"), ("計劃", "计划/方案"), ("方案", "计划/方案"), ("规划", "计划/方案"), ("工作要点", "计划/方案"),
        ("简报", "简报"), ("簡報", "简报"), ("报告", "报告"), ("報告", "报告"), ("汇报", "报告"), ("匯報", "报告"),
        ("政务信息", "政务信息"), ("政務信息", "政务信息"), ("的函", "函"), ("复函", "函"),
    };

    /// <summary>The type named by the title: the keyword nearest the end wins (关于印发…方案的通知 is a 通知).</summary>
    public static string? TypeFromTitle(string title)
    {
        string? best = null;
        var bestAt = -1;
        foreach (var (keyword, type) in TitleKeywords)
        {
            var at = title.LastIndexOf(keyword, StringComparison.Ordinal);
            if (at >= 0 && at + keyword.Length > bestAt)
            {
                bestAt = at + keyword.Length;
                best = type;
            }
        }
        if (best is null && title.EndsWith('函')) best = "函";
        return best;
    }

    /// <summary>The type from the text when the title does not say: closing formulas and salutations.</summary>
    public static string TypeFromText(string title, IReadOnlyList<string> paragraphs)
    {
        var fromTitle = TypeFromTitle(title);
        if (fromTitle is not null) return fromTitle;
        var head = paragraphs.Take(3).ToList();
        var tail = string.Join("\n", paragraphs.TakeLast(4));
        if (head.Any(Structure.IsSalutation)) return "讲话";
        var opening = string.Join("", paragraphs.Take(3));
        if (Regex.IsMatch(opening, "(现将|现就).{0,20}通知如下")) return "通知";
        if (Regex.IsMatch(opening, "(下面|这里|借此机会)[,，]?我(就|讲|借|谈|代表)")) return "讲话";
        if (tail.Contains("特此通知")) return "通知";
        if (Regex.IsMatch(tail, "妥否.{0,4}请.{0,2}批示|请予审批|请批示")) return "请示";
        if (tail.Contains("此复")) return "批复";
        if (tail.Contains("特此函") || tail.Contains("请函复")) return "函";
        if (tail.Contains("特此通报")) return "通报";
        if (tail.Contains("特此报告")) return "报告";
        var text = string.Join("", paragraphs.Take(8));
        if (Regex.IsMatch(text, "会议(纪要|议定)|会议认为|会议指出|会议要求")) return "纪要";
        if (Regex.IsMatch(text, "实施方案|工作方案|工作计划|制定本方案|(新的一年|明年|下一步).{0,12}(主要)?(做好|抓好).{0,10}(以下|几个方面|几方面)")) return "计划/方案";
        if (Regex.IsMatch(text, "工作总结|总结如下|回顾.{0,10}一年")) return "总结";
        return DocumentTypes.Other;
    }

    // --- title ----------------------------------------------------------------------------------------------

    [GeneratedRegex(@"(范文|範文|范本|模板|（\s*[一二三四五六七八九十\d]+篇\s*）|\(\s*[一二三四五六七八九十\d]+篇\s*\)|\s*[（(]?(完整版|精选|汇编|通用版|最新版)[）)]?)+$")]
    private static partial Regex TemplateSuffix();

    /// <summary>Drops what download sites append to titles: 范文, （五篇）, 精选.</summary>
    public static string StripTemplateSuffix(string title)
    {
        var stripped = TemplateSuffix().Replace(title.Trim(), "").Trim();
        return stripped.Length >= 4 ? stripped : title.Trim();
    }

    /// <summary>
    /// A title for a piece that has none: the heading it opens with when that says something (not 引言 or 工作目标),
    /// else its first sentence, shortened.
    /// </summary>
    public static string DeriveTitle(IReadOnlyList<string> paragraphs)
    {
        var first = paragraphs.FirstOrDefault(p => p.Length > 0) ?? "";
        if (Structure.HeadingLevel(first) > 0)
        {
            var heading = Structure.HeadingText(StripNumber(first)).TrimEnd('，', ',', '：', ':');
            if (heading.Length is >= 8 and <= 40) return heading;
            first = paragraphs.Skip(1).FirstOrDefault(p => Structure.HeadingLevel(p) == 0 && p.Length > 0) ?? first;
        }
        first = StripNumber(first);
        var end = first.IndexOfAny(new[] { '。', '！', '？', '；', ';', '!', '?' });
        var sentence = (end > 0 ? first[..end] : first).Trim();
        if (sentence.Length == 0) return "（无标题）";
        if (sentence.Length <= 30) return sentence;
        // Cut at the last comma within 30 characters when there is one, so the title ends on a phrase.
        var comma = sentence.LastIndexOfAny(new[] { '，', ',' }, 29);
        return (comma >= 12 ? sentence[..comma] : sentence[..30]) + "…";
    }

    [GeneratedRegex(@"^([一二三四五六七八九十百]{1,4}\s*[、．]|[（(]\s*[一二三四五六七八九十百]{1,4}\s*[）)]|\d{1,2}\s*[、．.](?!\d)|第[一二三四五六七八九十百零〇两\d]{1,4}\s*条)\s*")]
    private static partial Regex LeadingNumber();

    private static string StripNumber(string p) => LeadingNumber().Replace(p, "");
}
