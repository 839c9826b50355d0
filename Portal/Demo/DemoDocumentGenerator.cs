using System.Text;
using Portal.Data;
using Portal.Identity;

namespace Portal.Demo;

/// <summary>
/// Builds realistic office documents from templates and a phrase bank of our own: titles in the forms
/// offices use (关于…的通知, 在…会议上的讲话), 文号, dates, headings 一、/（一）, and paragraphs.
/// Deterministic for a given seed, so demo content and tests are repeatable.
/// </summary>
public sealed class DemoDocumentGenerator(int seed)
{
    private readonly Random _rng = new(seed);

    private static readonly string[] Topics =
    {
        "进一步加强政务信息报送工作", "做好2025年度督查督办工作", "加强值班值守和突发事件信息报送", "规范公文处理工作",
        "开展政府系统办公室业务培训", "推进“一网通办”政务服务改革", "做好防汛抗旱工作", "加强安全生产隐患排查治理",
        "优化营商环境若干措施", "做好人大代表建议和政协提案办理工作", "深化政务公开工作", "加强机关作风建设",
        "做好秋冬季森林防火工作", "推进乡村振兴重点工作", "加快重点项目建设进度", "做好年度目标责任考核",
        "加强公文审核把关", "提升办文办会办事水平", "做好节假日期间值班工作", "加强保密工作管理",
        "推进数字政府建设", "开展“效能提升年”活动", "做好信访维稳工作", "加强机关财务管理",
        "做好重要会议服务保障", "推动民生实事项目落地见效", "开展营商环境专项督查", "加强应急管理体系建设",
    };

    private static readonly string[] Meetings =
    {
        "全市政府系统办公室工作会议", "全市督查督办工作推进会", "全市政务信息工作会议", "市政府第二十一次常务会议",
        "全市安全生产工作会议", "全市营商环境建设大会", "全市防汛工作部署会", "全市政务服务工作座谈会",
    };

    private static readonly string[] Sentences =
    {
        "各地各部门要切实提高思想认识，把这项工作摆在突出位置，确保各项任务落到实处。",
        "办公室作为政府的综合办事机构，要充分发挥参谋助手、督促检查、协调综合和服务保障作用。",
        "要坚持围绕中心、服务大局，紧扣市委、市政府的决策部署谋划和推进工作。",
        "督查督办工作要做到件件有着落、事事有回音，对领导批示件实行台账管理、限时办结。",
        "政务信息工作要坚持有情况、有分析、有建议，提高信息报送的时效性和针对性。",
        "各县区和市直部门每周至少报送2条信息，突发信息必须随时报送，不得迟报、漏报、瞒报。",
        "公文处理要坚持一事一报、一事一请示，主送单位只能是一个，严格执行行文规则。",
        "要健全首问责任制、限时办结制和责任追究制，不断提高机关办事效率和服务水平。",
        "今年以来，全市上下攻坚克难、真抓实干，主要经济指标保持稳中有进的良好态势。",
        "对推进不力、工作滞后的单位，将在全市范围内予以通报批评，并纳入年度目标责任考核。",
        "值班室要严格执行24小时值班和领导带班制度，确保政令畅通、信息灵敏、处置及时。",
        "要加强对重点工作的跟踪督查，实行月调度、季通报、年考核，确保按期完成目标任务。",
        "各单位要明确一名分管领导和一名信息联络员，负责本单位信息报送和督办事项的联络工作。",
        "要认真落实中央八项规定精神，厉行勤俭节约，严格控制会议数量和规模。",
        "办结率和按期办结率将作为评价各单位督查工作的主要依据，每季度通报一次。",
        "要深入基层开展调查研究，及时发现和反映苦情况，为领导科学决策提供参考依据。",
        "信息采用情况实行量化计分，国办采用、省办采用、市办采用和领导批示分别计分。",
        "要加强办公自动化建设，推进电子公文传输，提高办文效率，减少纸质文件流转。",
        "对人大代表建议和政协提案，要按期答复，做到答复率百分之百、满意率不断提高。",
        "全市共受理各类督办事项三百余件，办结率达到百分之九十以上，按期办结率稳步提升。",
        "要坚持问题导向，聚焦群众急难愁盼问题，推动各项民生实事项目落地见效。",
        "各地要结合实际制定具体实施方案，细化工作措施，明确责任分工和完成时限。",
        "要加强干部队伍建设，严格要求、严格管理，努力打造一支政治过硬、业务精湛的办公室队伍。",
        "安全生产工作要坚持人民至上、生命至上，全面排查整治各类风险隐患。",
        "要进一步优化政务服务流程，推进“最多跑一次”改革，让企业和群众办事更加便捷。",
    };

    private static readonly string[] Headings =
    {
        "提高政治站位，充分认识做好工作的重要意义", "突出工作重点，扎实推进各项任务落实", "强化督查问效，确保决策部署落地见效",
        "加强组织领导，健全工作推进机制", "改进工作作风，不断提升服务保障水平", "坚持问题导向，着力补齐短板弱项",
        "健全制度机制，推动工作规范化建设", "加强队伍建设，夯实工作基础",
    };

    private static readonly string[] Numerals = { "一", "二", "三", "四", "五", "六", "七", "八" };

    public List<Document> Generate(IReadOnlyList<Unit> units, int count)
    {
        var list = new List<Document>(count);
        var types = DocumentTypes.All.Where(t => t != DocumentTypes.Other).ToArray();
        for (var i = 0; i < count; i++)
        {
            var type = types[i % types.Length];
            var unit = units.Count > 0 ? units[_rng.Next(units.Count)] : null;
            var date = new DateOnly(2023, 1, 1).AddDays(_rng.Next(0, 1400));
            var topic = Pick(Topics);
            var doc = new Document
            {
                DocType = type,
                Title = TitleFor(type, topic, date, unit),
                DocDate = date,
                IssuingUnitId = unit?.Id,
                Body = Body(type, date),
                DocNumber = NumberFor(type, date, i),
                SourceFileName = "demo",
            };
            // Some documents are restricted to their issuing unit and the office staff, to show access control.
            if (i % 25 == 7 && unit is not null)
            {
                doc.Visibility = DocumentVisibility.Restricted;
                doc.Grants.Add(new DocumentGrant { UnitId = unit.Id });
                doc.Grants.Add(new DocumentGrant { Role = Roles.Staff });
                doc.Title = "（内部）" + doc.Title;
            }
            list.Add(doc);
        }
        return list;
    }

    private string TitleFor(string type, string topic, DateOnly date, Unit? unit) => type switch
    {
        "讲话" => $"在{date.Year}年{Pick(Meetings)}上的讲话",
        "通知" => $"关于{topic}的通知",
        "报告" => $"关于{topic}情况的报告",
        "请示" => $"关于{topic}有关事项的请示",
        "意见" => $"关于{topic}的实施意见",
        "通报" => $"关于{date.Year}年第{_rng.Next(1, 4)}季度{Pick(new[] { "政务信息采用", "督查督办", "公文质量" })}情况的通报",
        "批复" => $"关于{unit?.ShortName ?? "有关单位"}{topic}的批复",
        "函" => $"关于商请支持{topic}的函",
        "纪要" => $"{Pick(Meetings)}纪要",
        "总结" => $"{unit?.Name ?? "市政府办公室"}{date.Year}年工作总结",
        "计划/方案" => $"{topic}实施方案",
        "简报" => $"政务工作简报（第{_rng.Next(1, 60)}期）",
        "政务信息" => $"{unit?.ShortName ?? "我市"}{Pick(new[] { "多措并举", "创新机制", "强化举措", "聚焦重点" })}{topic.Replace("做好", "").Replace("加强", "")}",
        _ => topic,
    };

    private string? NumberFor(string type, DateOnly date, int i) => type switch
    {
        "通知" or "意见" or "计划/方案" => $"X政办发〔{date.Year}〕{i % 90 + 1}号",
        "批复" or "函" => $"X政办函〔{date.Year}〕{i % 120 + 1}号",
        "通报" => $"X政办通〔{date.Year}〕{i % 30 + 1}号",
        "请示" or "报告" => $"X政办字〔{date.Year}〕{i % 60 + 1}号",
        _ => null,
    };

    private string Body(string type, DateOnly date)
    {
        var sb = new StringBuilder();
        if (type == "讲话") sb.AppendLine("同志们：").AppendLine();
        sb.AppendLine(Paragraph(2, 3)).AppendLine();
        var sections = _rng.Next(2, 5);
        for (var s = 0; s < sections; s++)
        {
            sb.Append(Numerals[s]).Append('、').AppendLine(Pick(Headings)).AppendLine();
            var subs = _rng.Next(1, 3);
            for (var k = 0; k < subs; k++)
            {
                sb.Append('（').Append(Numerals[k]).Append('）').Append(Paragraph(2, 4)).AppendLine().AppendLine();
            }
        }
        sb.AppendLine(type == "讲话" ? "同志们，让我们以更加饱满的热情、更加务实的作风，奋力开创工作新局面！" : Paragraph(1, 2));
        sb.AppendLine().Append(date.Year).Append('年').Append(date.Month).Append('月').Append(date.Day).Append('日');
        return sb.ToString();
    }

    private string Paragraph(int min, int max)
    {
        var sb = new StringBuilder();
        var n = _rng.Next(min, max + 1);
        for (var i = 0; i < n; i++) sb.Append(Pick(Sentences));
        return sb.ToString();
    }

    private T Pick<T>(T[] items) => items[_rng.Next(items.Length)];
}
