using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Demo;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>
/// Demo rounds: last year's (entered scores, recommendations, a deduction; locked = published) and this year's
/// (in progress), so the results page, the workbook and the dashboard's rank movement have data.
/// </summary>
public sealed class EvaluationDemoSeeder(EvaluationService service, TimeProvider time) : IDemoSeeder
{
    public int Order => 40;

    private static readonly string[] Comments = { "材料翔实，特色鲜明", "亮点突出", "基础工作扎实", "个别材料报送不及时", "" };

    public async Task SeedAsync(PortalDbContext db, CancellationToken ct)
    {
        if (!await db.Units.AnyAsync(ct)) return;
        var year = ShanghaiClock.Today(time).Year;
        var rnd = new Random(20261122);
        var previous = await SeedRoundAsync(db, year - 1, rnd, ct);
        await service.LockAsync(previous, "demo.staff");
        db.ChangeTracker.Clear();
        await SeedRoundAsync(db, year, rnd, ct);
    }

    private async Task<int> SeedRoundAsync(PortalDbContext db, int year, Random rnd, CancellationToken ct)
    {
        var round = await service.CreateAsync(new NewRoundInput($"{year}年度全市政府系统办公室工作考评",
            new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), $"X政办发〔{year}〕41号"));
        var participants = round.Participants.ToList();
        // Two eligible units did not apply (参评率 below 100%, as in the sample's 24 of 26).
        foreach (var p in participants.Skip(participants.Count - 2)) round.SetParticipant(p.UnitId, false);
        var taking = participants.Where(p => p.Participates).Select(p => p.UnitId).ToList();
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var c in round.Components.Where(c => c.IsEntered))
            foreach (var unit in taking)
            {
                var value = c.Method == FillMethod.DocumentErrors ? rnd.Next(0, 6)
                    : c.EntryScale is decimal s ? Math.Round(s * (0.7m + (decimal)rnd.NextDouble() * 0.28m), 1)
                    : Math.Round(c.MaxPoints * (0.6m + (decimal)rnd.NextDouble() * 0.38m), 1);
                var comment = c.Method == FillMethod.DocumentErrors
                    ? (value > 0 ? "上行文存在格式、文字差错" : "无差错")
                    : Comments[rnd.Next(Comments.Length)];
                db.Add(EvaluationScore.Enter(round, c, unit, value, comment, "demo.staff", now));
            }
        foreach (var from in taking)
            foreach (var to in taking.Where(t => t != from).OrderBy(_ => rnd.Next()).Take(3).Concat(taking.Take(2).Where(t => t != from)).Distinct())
                db.Add(PeerRecommendation.Record(round, from, to));
        db.Add(EvaluationDeduction.Record(round, taking[rnd.Next(taking.Count)], 2, "未按程序办事导致行政复议",
            new DateOnly(year, 6, 18), "demo.staff", now));
        await db.SaveChangesAsync(ct);
        return round.Id;
    }
}
