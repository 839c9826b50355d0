using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Demo;
using Portal.Infrastructure;

namespace Portal.Pages.Supervision;

/// <summary>
/// A year of supervision tasks ending today: mostly closed on time, some closed late, some extended,
/// some overdue and still open, some due within days, and a few newly registered. Deterministic (fixed seed).
/// </summary>
public sealed class SupervisionDemoSeeder(TimeProvider time) : IDemoSeeder
{
    public int Order => 30;

    private static readonly Dictionary<TaskSource, string[]> Titles = new()
    {
        [TaskSource.LeaderInstruction] = new[]
        {
            "关于城区老旧小区加装电梯推进缓慢问题的批示", "关于农村饮水安全隐患排查整改的批示", "关于重点项目征地拆迁遗留问题的批示",
            "关于冬春季森林防火工作的批示", "关于中小学校园周边交通安全整治的批示", "关于农民工工资拖欠问题的批示",
        },
        [TaskSource.StandingMeeting] = new[]
        {
            "研究推进工业园区标准化厂房建设", "研究城市生活垃圾分类处理设施建设", "审议全市营商环境优化提升行动方案",
            "研究高标准农田建设资金筹措", "研究全市消防设施完好率提升工作", "研究政务服务“一网通办”推进工作",
        },
        [TaskSource.NpcSuggestion] = new[]
        {
            "关于加快城乡公交一体化的建议", "关于加强乡村医生队伍建设的建议", "关于完善农村养老服务设施的建议",
            "关于增设城区停车泊位的建议", "关于加强河道综合治理的建议",
        },
        [TaskSource.CppccProposal] = new[]
        {
            "关于发展县域特色产业的提案", "关于推进义务教育优质均衡发展的提案", "关于加强非物质文化遗产保护的提案",
            "关于完善社区嵌入式托育服务的提案", "关于支持中小微企业融资的提案",
        },
        [TaskSource.KeyWork] = new[]
        {
            "全年新增城镇就业目标任务", "重点项目年度投资计划完成情况", "安全生产专项整治三年行动",
            "城乡环境综合整治百日攻坚", "招商引资签约项目落地开工",
        },
        [TaskSource.AssignedMatter] = new[]
        {
            "群众反映某小区供暖不达标问题的核查处理", "做好重大节日期间值班值守工作", "省政府督查反馈问题整改",
            "12345热线集中反映问题办理", "审计发现问题整改落实",
        },
    };

    public async Task SeedAsync(PortalDbContext db, CancellationToken ct)
    {
        var units = await db.Units.OrderBy(u => u.SortOrder).Select(u => u.Id).ToListAsync(ct);
        if (units.Count == 0) return;
        var today = ShanghaiClock.Today(time);
        var rnd = new Random(20260701);
        var sources = new[]
        {
            TaskSource.LeaderInstruction, TaskSource.LeaderInstruction, TaskSource.StandingMeeting, TaskSource.StandingMeeting,
            TaskSource.NpcSuggestion, TaskSource.CppccProposal, TaskSource.KeyWork, TaskSource.AssignedMatter, TaskSource.AssignedMatter,
        };
        var perYear = new Dictionary<int, int>();
        var tasks = new List<SupervisionTask>();
        const int count = 160;
        for (var i = 0; i < count; i++)
        {
            var assigned = today.AddDays(-365 + i * 360 / count + rnd.Next(0, 3));
            if (assigned > today) assigned = today;
            var source = sources[rnd.Next(sources.Length)];
            var title = Titles[source][rnd.Next(Titles[source].Length)];
            // Units near the top of the list get more work, as county offices and big departments do.
            var lead = units[Math.Min(units.Count - 1, (int)(Math.Pow(rnd.NextDouble(), 1.6) * units.Count))];
            var co = Enumerable.Range(0, rnd.Next(0, 3)).Select(_ => units[rnd.Next(units.Count)]).Where(u => u != lead).Distinct().ToList();
            var deadline = assigned.AddDays(source is TaskSource.NpcSuggestion or TaskSource.CppccProposal ? 90 : rnd.Next(10, 75));
            var year = assigned.Year;
            perYear[year] = perYear.GetValueOrDefault(year) + 1;
            var code = $"督〔{year}〕{perYear[year]}号";
            var task = SupervisionTask.Register(code, source, SourceRef(source, rnd, year), title, Requirement(source),
                lead, co, assigned, deadline, (TaskPriority)rnd.Next(1, 4), "demo.staff", At(assigned));
            tasks.Add(task);
            // The newest few stay registered, waiting to be assigned.
            if (i >= count - 3) continue;
            task.Assign(assigned, "demo.staff", At(assigned));

            var roll = rnd.NextDouble();
            var firstReport = assigned.AddDays(rnd.Next(2, 8));
            if (firstReport <= today)
                task.ReportProgress(lead, firstReport, "已召开专题会议研究部署，明确责任人和时间节点，正在按计划推进。", false, null, At(firstReport));
            if (deadline < today)
            {
                if (roll < 0.70)
                    Close(task, lead, Between(rnd, firstReport, deadline), today);
                else if (roll < 0.80)
                    Close(task, lead, Min(deadline.AddDays(rnd.Next(1, 25)), today), today);
                else if (roll < 0.88)
                {
                    var extendedTo = deadline.AddDays(rnd.Next(15, 45));
                    task.Extend(extendedTo, "涉及多部门协调，需待上级批复后实施", "分管副秘书长", deadline.AddDays(-2), "demo.staff", At(deadline.AddDays(-2)));
                    var closeOn = Between(rnd, deadline.AddDays(1), extendedTo);
                    if (closeOn <= today) Close(task, lead, closeOn, today);
                }
                // Otherwise overdue: recent ones are still open (逾期未办结); older ones were chased and closed late.
                else if (deadline < today.AddDays(-120))
                    Close(task, lead, Min(deadline.AddDays(rnd.Next(20, 60)), today), today);
            }
            else if (roll < 0.3 && firstReport < today)
                Close(task, lead, Between(rnd, firstReport, today), today);

            if (task.IsProposal && task.ClosedOn is DateOnly closed && rnd.NextDouble() < 0.9)
            {
                var replied = Min(closed.AddDays(rnd.Next(0, 6)), today);
                var type = (ReplyType)(rnd.NextDouble() switch { < 0.55 => 1, < 0.85 => 2, _ => 3 });
                Satisfaction? sat = rnd.NextDouble() switch { < 0.7 => Satisfaction.Satisfied, < 0.88 => Satisfaction.BasicallySatisfied, < 0.95 => Satisfaction.Dissatisfied, _ => null };
                task.RecordReply(replied, type, sat, "demo.staff", At(replied));
            }
        }
        UrgeLateTasks(tasks, await db.Units.ToDictionaryAsync(u => u.Id, u => u.Name, ct), today, time.GetUtcNow().UtcDateTime);
        db.AddRange(tasks);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The office chases most open tasks once they are overdue or about to be (催办), with a random of its own so the tasks above stay the same.</summary>
    private static void UrgeLateTasks(List<SupervisionTask> tasks, Dictionary<int, string> unitNames, DateOnly today, DateTime now)
    {
        var rnd = new Random(20);
        foreach (var task in tasks.Where(t => t.IsOpen && t.Status != SupervisionStatus.Registered && t.Deadline <= today.AddDays(3)))
        {
            if (rnd.NextDouble() > 0.6) continue;
            var on = task.Deadline < today ? Min(task.Deadline.AddDays(1), today) : today.AddDays(-1);
            if (on < task.AssignedOn) on = task.AssignedOn;
            task.Urge(task.LeadUnitId, unitNames[task.LeadUnitId], task.Deadline < today ? "事项已逾期，请抓紧办理并报送进展。" : "办理期限将至，请按时办结。", on, "demo.staff",
                // Never later than now: in the Shanghai morning hours (the UTC evening) today's 08:00 UTC is still to come, and an
                // urge recorded in the future would stay open after the unit's next progress report (UrgeRules.IsOpen).
                At(on).AddHours(6) < now ? At(on).AddHours(6) : now);
        }
    }

    private static void Close(SupervisionTask task, int lead, DateOnly on, DateOnly today)
    {
        if (on < task.AssignedOn) on = task.AssignedOn;
        if (on > today) return;
        task.ReportProgress(lead, on, "各项任务已按要求落实完成，现申请办结销号。", true, null, At(on));
        task.Complete(on, "经核查，承办单位已按要求办理完毕，同意销号。", "demo.staff", At(on));
    }

    private static DateOnly Between(Random rnd, DateOnly from, DateOnly to) =>
        to <= from ? from : from.AddDays(rnd.Next(0, to.DayNumber - from.DayNumber + 1));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    // 10:00 in Shanghai on the given date.
    private static DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);

    private static string? SourceRef(TaskSource source, Random rnd, int year) => source switch
    {
        TaskSource.LeaderInstruction => $"市政府领导批示件〔{year}〕{rnd.Next(1, 200)}号",
        TaskSource.StandingMeeting => $"市政府第{rnd.Next(30, 60)}次常务会议",
        TaskSource.NpcSuggestion => $"市人大十七届{(year % 2 == 0 ? "五" : "四")}次会议第{rnd.Next(1, 300)}号建议",
        TaskSource.CppccProposal => $"市政协十三届{(year % 2 == 0 ? "五" : "四")}次会议第{rnd.Next(1, 400)}号提案",
        TaskSource.KeyWork => $"{year}年政府工作报告重点任务",
        _ => $"X政办交〔{year}〕{rnd.Next(1, 120)}号",
    };

    private static string Requirement(TaskSource source) => source switch
    {
        TaskSource.NpcSuggestion or TaskSource.CppccProposal => "认真研究办理，按时答复代表委员，做到件件有着落、事事有回音。",
        TaskSource.KeyWork => "按季度报送进展情况，确保完成年度目标任务。",
        _ => "明确责任领导和责任人，限时办结，办理结果及时报市政府督查室。",
    };
}
