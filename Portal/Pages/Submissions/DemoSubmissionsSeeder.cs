using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Demo;
using Portal.Infrastructure;

namespace Portal.Pages.Submissions;

/// <summary>
/// Fifteen months of information items for the demo units, written by us: each unit has its own volume and
/// quality (so rankings differ and change between periods), months vary (quiet around the Spring Festival,
/// busy at year end), recent items wait in the review queue.
/// </summary>
public sealed class DemoSubmissionsSeeder(TimeProvider time, IOptions<SubmissionOptions> options, Search.SearchChangeLog changes) : IDemoSeeder
{
    public int Order => 20;

    private static readonly string[] Actions =
    {
        "多措并举推进", "扎实开展", "创新机制做好", "全力保障", "聚焦短板加快", "以“小切口”破解", "统筹推进", "精准发力抓好", "深入推进", "有序推进",
    };

    private static readonly Dictionary<SubmissionCategory, string[]> Topics = new()
    {
        [SubmissionCategory.Economy] = new[] { "一季度工业经济运行", "重点项目建设", "稳外贸稳外资", "消费市场回暖", "民营经济发展", "财政收支运行", "粮食生产", "招商引资" },
        [SubmissionCategory.Dynamic] = new[] { "老旧小区改造", "营商环境优化", "政务服务“一网通办”", "乡村振兴示范村建设", "城市精细化管理", "义务教育“双减”", "基层治理网格化", "农村人居环境整治", "公立医院改革", "河湖长制落实" },
        [SubmissionCategory.Emergency] = new[] { "强降雨防汛应急处置", "森林防火应急演练", "道路交通事故处置", "安全生产隐患排查", "暴雪天气保通保畅" },
        [SubmissionCategory.Social] = new[] { "群众反映集中的物业纠纷", "农民工工资支付", "房地产项目逾期交付", "养老服务需求" },
        [SubmissionCategory.General] = new[] { "机关作风建设", "“放管服”改革", "政务公开", "数字政府建设" },
    };

    private static readonly string[] Leaders = { "市长", "常务副市长", "副市长", "秘书长" };

    public async Task SeedAsync(PortalDbContext db, CancellationToken ct)
    {
        var units = await db.Units.Where(u => u.Kind != UnitKind.InternalDivision).OrderBy(u => u.SortOrder).ToListAsync(ct);
        if (units.Count == 0) return;
        var rng = new Random(20261122);
        var now = time.GetUtcNow().UtcDateTime;
        var today = ShanghaiClock.Today(time);
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-14);
        const string staff = "demo.staff";

        var defaults = options.Value.DefaultPoints;
        var rules = new Dictionary<int, ScoringPoints>();
        for (var y = start.Year; y <= today.Year; y++)
        {
            // The current year rewards emergency information reported in time (a category rule, to show the feature).
            var points = y == today.Year
                ? defaults with { CategoryBonus = new Dictionary<SubmissionCategory, decimal> { [SubmissionCategory.Emergency] = 1m } }
                : defaults;
            rules[y] = points;
            db.Add(new ScoringRule(y, points, staff, now));
        }

        var items = new List<Submission>();
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var liaison = i switch { 0 => "demo.liaison", 1 => "demo.liaison2", _ => $"liaison{i + 1:00}" };
            // Volume (items a month) and quality (chance of adoption) differ by unit kind and by unit.
            var volume = unit.Kind switch
            {
                UnitKind.CountyOffice => 4 + rng.Next(0, 7),
                UnitKind.CityDepartment => 1 + rng.Next(0, 5),
                _ => rng.Next(0, 3),
            };
            var quality = 0.15 + rng.NextDouble() * 0.45;
            var trend = (rng.NextDouble() - 0.5) * 0.08; // some units improve over the year, some slip
            var shortName = unit.ShortName ?? unit.Name;
            for (var month = start; month <= today; month = month.AddMonths(1))
            {
                var season = month.Month switch { 1 or 2 => 0.6, 12 => 1.3, 6 or 7 => 1.15, _ => 1.0 };
                var monthIndex = (month.Year - start.Year) * 12 + month.Month - start.Month;
                var count = (int)Math.Round(volume * season * (0.6 + rng.NextDouble() * 0.8));
                var q = Math.Clamp(quality + trend * monthIndex, 0.05, 0.85);
                for (var k = 0; k < count; k++)
                {
                    var day = month.AddDays(rng.Next(0, DateTime.DaysInMonth(month.Year, month.Month)));
                    if (day > today) continue;
                    var category = Pick(rng);
                    var topic = Topics[category][rng.Next(Topics[category].Length)];
                    var title = $"{shortName}{Actions[rng.Next(Actions.Length)]}{topic}";
                    var body = $"近期，{unit.Name}围绕{topic}，坚持问题导向，细化工作措施，压实工作责任。" +
                               $"一是加强统筹调度，定期研究解决推进中的困难问题；二是强化督促检查，对进度滞后的事项挂牌督办；" +
                               $"三是注重总结提炼，形成可复制可推广的经验做法。下一步，将持续跟踪{topic}进展情况，及时报送有关信息。";
                    var s = new Submission(unit.Id, title, body, category, day, liaison, now);
                    var age = today.DayNumber - day.DayNumber;
                    if (age > 10 || rng.NextDouble() < 0.3)
                    {
                        var roll = rng.NextDouble();
                        if (roll < q)
                        {
                            var adopted = day.AddDays(rng.Next(1, 8));
                            if (adopted > today) adopted = today;
                            var issue = (adopted.DayOfYear + 6) / 7;
                            s.Adopt(AdoptionLevel.City, adopted, $"《政务信息》{adopted.Year}年第{issue}期", staff, now);
                            if (rng.NextDouble() < 0.25 + q / 3)
                            {
                                var prov = adopted.AddDays(rng.Next(2, 15));
                                if (prov <= today) s.Adopt(AdoptionLevel.Province, prov, $"省政府办公厅《每日要情》{prov.Year}年第{prov.DayOfYear}期", staff, now);
                                if (prov <= today && rng.NextDouble() < 0.08)
                                {
                                    var nat = prov.AddDays(rng.Next(3, 20));
                                    if (nat <= today) s.Adopt(AdoptionLevel.National, nat, "国务院办公厅《政务信息》", staff, now);
                                }
                            }
                            if (rng.NextDouble() < 0.12)
                            {
                                var on = adopted.AddDays(rng.Next(0, 6));
                                if (on <= today) s.AddInstruction(Leaders[rng.Next(Leaders.Length)], on, "请有关部门认真研究，抓好落实。", staff, now);
                            }
                        }
                        else if (roll < q + 0.08 && age <= 40)
                            s.Return("请补充具体数据和下一步措施后重新报送。", staff, now);
                        else
                            s.Decline(null, staff, now);
                    }
                    s.SetPoints(ScoringCalculator.PointsFor(s, rules[day.Year]));
                    items.Add(s);
                }
            }
        }
        db.AddRange(items);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await changes.SubmissionsChangedAsync(items.Select(s => s.Id), ct, bulk: true);
        await tx.CommitAsync(ct);
    }

    private static SubmissionCategory Pick(Random rng) => rng.Next(100) switch
    {
        < 25 => SubmissionCategory.Economy,
        < 75 => SubmissionCategory.Dynamic,
        < 85 => SubmissionCategory.Emergency,
        < 93 => SubmissionCategory.Social,
        _ => SubmissionCategory.General,
    };
}
