using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Infrastructure;

namespace Portal.Pages.Evaluation;

/// <summary>A round as a selector offers it: <see cref="HasScores"/> when a score was entered or the results were published.</summary>
public sealed record RoundOption(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, bool HasScores);

public sealed record RoundSummary(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, bool IsLocked, int Components, decimal MaxTotal);

/// <summary>One line of the entry form as typed (the value stays text so that "abc" gets a Chinese message, not a 400).</summary>
public sealed class ScoreLine
{
    public int UnitId { get; set; }
    public string? Value { get; set; }
    public string? Comment { get; set; }
}

public sealed record EntryRow(int UnitId, string UnitName, string? Value, string? Comment, string? EnteredBy);

public sealed record NewRoundInput(string? Name, DateOnly? Start, DateOnly? End, string? BasisDoc);

/// <summary>Rounds, score entry, results, lock and unlock (the scheme, recommendations, deductions and ties have their own services). Commands throw <see cref="RuleException"/> with a Chinese message.</summary>
public sealed class EvaluationService(
    PortalDbContext db, EvaluationModules modules, AuditLog audit, CurrentUser me, TimeProvider time, IOptions<EvaluationOptions> options)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public Task<List<RoundSummary>> RoundsAsync() =>
        db.Set<EvaluationRound>().AsNoTracking().OrderByDescending(r => r.PeriodEnd).ThenByDescending(r => r.Id)
            .Select(r => new RoundSummary(r.Id, r.Name, r.PeriodStart, r.PeriodEnd, r.IsLocked, r.Components.Count, 0))
            .ToListAsync();

    public Task<EvaluationRound?> FindAsync(int id) =>
        db.Set<EvaluationRound>().Include(r => r.Components).Include(r => r.Participants).Include(r => r.Quotas)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id);

    /// <summary>Every round with whether it has any score, for the dashboard's choice of round.</summary>
    public async Task<List<RoundOption>> RoundOptionsAsync()
    {
        var scored = await db.Set<EvaluationScore>().AsNoTracking().Select(s => s.RoundId).Distinct().ToListAsync();
        return await db.Set<EvaluationRound>().AsNoTracking()
            .Select(r => new RoundOption(r.Id, r.Name, r.PeriodStart, r.PeriodEnd, r.IsLocked || scored.Contains(r.Id)))
            .ToListAsync();
    }

    public async Task<EvaluationRound> CreateAsync(NewRoundInput input)
    {
        if (input.Start is null || input.End is null) throw new RuleException("请填写考评期间的开始和结束日期。");
        var o = options.Value;
        var round = EvaluationRound.Create(input.Name ?? "", input.Start.Value, input.End.Value, input.BasisDoc, time.GetUtcNow().UtcDateTime);
        round.SetGrades(GradeMethod.Thresholds, o.ExcellentMin, o.GoodMin, o.PassMin, o.ExcellentShare, o.GoodShare);
        foreach (var c in o.DefaultScheme)
            round.AddComponent(c.Group, c.Name, c.MaxPoints, c.Method, c.EntryScale, c.PointsPerError, c.AwardCount);
        var units = await db.Units.AsNoTracking().Where(u => u.IsActive && o.EligibleKinds.Contains(u.Kind)).OrderBy(u => u.SortOrder).ToListAsync();
        foreach (var u in units) round.SetParticipant(u.Id, true);
        foreach (var (kind, count) in o.CollectiveQuotas)
            if (Enum.TryParse<UnitKind>(kind, out var k)) round.SetQuota(k, count);
        round.SetRecommendationLimit(o.RecommendationLimit);
        db.Add(round);
        audit.Add("评比轮次.新建", nameof(EvaluationRound), null, after: round.Name);
        await db.SaveChangesAsync();
        return round;
    }

    public async Task<RoundResults?> ResultsAsync(int roundId)
    {
        var round = await FindAsync(roundId);
        return round is null ? null : await ResultsAsync(round);
    }

    /// <summary>The published table of a locked round; otherwise computed now, so any change (scheme included) shows at once.</summary>
    public async Task<RoundResults> ResultsAsync(EvaluationRound round) =>
        round.IsLocked && round.PublishedJson is not null
            ? JsonSerializer.Deserialize<RoundResults>(round.PublishedJson, Json)!
            : await ComputeAsync(round);

    /// <summary>The round's table from the current data (a locked round's published table is read by <see cref="ResultsAsync"/>).</summary>
    internal async Task<RoundResults> ComputeAsync(EvaluationRound round, bool withPreviousRanks = true)
    {
        var unitIds = round.Participants.Where(p => p.Participates).Select(p => p.UnitId).ToHashSet();
        var recommenders = round.Participants.Select(p => p.UnitId).ToHashSet();
        var participants = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.SortOrder)
            .Select(u => new UnitInfo(u.Id, u.Name, u.Kind, u.SortOrder)).ToListAsync();
        var entered = (await db.Set<EvaluationScore>().AsNoTracking().Where(s => s.RoundId == round.Id).ToListAsync())
            .ToDictionary(s => (s.ComponentId, s.UnitId), s => new EnteredValue(s.Value, s.Comment));
        var recs = RecommendationRules.Received(
            (await db.Set<PeerRecommendation>().AsNoTracking().Where(r => r.RoundId == round.Id).Select(r => new { r.FromUnitId, r.ToUnitId }).ToListAsync())
                .Select(r => (r.FromUnitId, r.ToUnitId)), recommenders, unitIds);
        var deductions = (await db.Set<EvaluationDeduction>().AsNoTracking().Where(d => d.RoundId == round.Id).ToListAsync())
            .GroupBy(d => d.UnitId).ToDictionary(g => g.Key, g => g.Select(d => (d.Points, d.Reason)).ToList());
        var decisions = (await db.Set<EvaluationTieDecision>().AsNoTracking().Where(d => d.RoundId == round.Id).ToListAsync())
            .Select(d => d.ToInfo()).ToList();
        var figures = await modules.FiguresAsync(round.PeriodStart, round.PeriodEnd);
        var previous = withPreviousRanks ? await PreviousRanksAsync(round) : new Dictionary<int, int?>();
        return EvaluationCalculator.Compute(round, participants, round.Participants.Count, entered, recs, deductions, figures, previous,
            time.GetUtcNow().UtcDateTime, decisions, options.Value.AwardExcludedGrades);
    }

    /// <summary>Ranks in the round before this one (by period), for the change of rank (进位).</summary>
    private async Task<IReadOnlyDictionary<int, int?>> PreviousRanksAsync(EvaluationRound round)
    {
        var prevId = await db.Set<EvaluationRound>().AsNoTracking()
            .Where(r => r.PeriodEnd < round.PeriodStart).OrderByDescending(r => r.PeriodEnd).Select(r => (int?)r.Id).FirstOrDefaultAsync();
        if (prevId is null) return new Dictionary<int, int?>();
        var prev = await FindAsync(prevId.Value);
        RoundResults? results = prev!.IsLocked && prev.PublishedJson is not null
            ? JsonSerializer.Deserialize<RoundResults>(prev.PublishedJson, Json)
            : await ComputeAsync(prev, withPreviousRanks: false);
        return results!.Rows.ToDictionary(r => r.UnitId, r => r.Rank);
    }

    /// <summary>Names of the given units (for messages and the audit log).</summary>
    internal Task<Dictionary<int, string>> UnitNamesAsync(IEnumerable<int> ids)
    {
        var set = ids.ToHashSet();
        return db.Units.AsNoTracking().Where(u => set.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
    }

    public async Task<List<EntryRow>> EntrySheetAsync(EvaluationRound round, EvaluationComponent component)
    {
        var unitIds = round.Participants.Where(p => p.Participates).Select(p => p.UnitId).ToList();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).OrderBy(u => u.SortOrder).ToListAsync();
        var scores = await db.Set<EvaluationScore>().AsNoTracking().Where(s => s.ComponentId == component.Id).ToDictionaryAsync(s => s.UnitId);
        return units.Select(u => scores.TryGetValue(u.Id, out var s)
            ? new EntryRow(u.Id, u.Name, s.Value.ToString("0.##", CultureInfo.InvariantCulture), s.Comment, s.EnteredBy)
            : new EntryRow(u.Id, u.Name, null, null, null)).ToList();
    }

    /// <summary>
    /// Saves the entered values of one component. Every line is checked first; when any is wrong nothing is saved and
    /// the messages (one per line, in Chinese) are returned. An empty value leaves the unit without an entry.
    /// </summary>
    public async Task<List<string>> EnterAsync(int roundId, int componentId, IReadOnlyList<ScoreLine> lines)
    {
        var round = await FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        round.EnsureOpen();
        var component = round.Components.FirstOrDefault(c => c.Id == componentId) ?? throw RuleException.NotFound("考评项目不存在。");
        if (!component.IsEntered) throw new RuleException($"“{component.Name}”由系统自动计算，不能手工录入。");
        var eligible = round.Participants.Where(p => p.Participates).Select(p => p.UnitId).ToHashSet();
        var names = await db.Units.AsNoTracking().Where(u => eligible.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name);
        var existing = await db.Set<EvaluationScore>().Where(s => s.ComponentId == componentId).ToDictionaryAsync(s => s.UnitId);
        var errors = new List<string>();
        var now = time.GetUtcNow().UtcDateTime;
        var by = me.UserName ?? "system";
        var changes = new List<string>();
        foreach (var line in lines)
        {
            if (!names.TryGetValue(line.UnitId, out var unitName)) { errors.Add("所选单位不是本轮参评单位。"); continue; }
            var text = line.Value?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (existing.TryGetValue(line.UnitId, out var old)) { db.Remove(old); changes.Add($"{unitName}: 清除"); }
                continue;
            }
            if (!decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
            {
                errors.Add($"{unitName}：“{text}”不是有效的数字。");
                continue;
            }
            try
            {
                if (existing.TryGetValue(line.UnitId, out var s))
                {
                    if (s.Value == value && s.Comment == line.Comment?.Trim()) continue;
                    s.Change(round, component, value, line.Comment, by, now);
                }
                else db.Add(EvaluationScore.Enter(round, component, line.UnitId, value, line.Comment, by, now));
                changes.Add($"{unitName}: {value:0.##}");
            }
            catch (RuleException ex) { errors.Add($"{unitName}：{ex.Message}"); }
        }
        if (errors.Count > 0) return errors;
        if (changes.Count > 0)
        {
            audit.Add("考评得分.录入", nameof(EvaluationRound), round.Id.ToString(), after: $"{component.Name}；" + string.Join("；", changes));
            await db.SaveChangesAsync();
        }
        return errors;
    }

    /// <summary>Locks (publishes) the round: the results are frozen as computed now.</summary>
    public Task LockAsync(int roundId) => LockAsync(roundId, me.UserName ?? "");

    internal async Task LockAsync(int roundId, string by)
    {
        var round = await FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        if (round.IsLocked) throw new RuleException("本轮考评已经锁定。");
        var results = await ComputeAsync(round) with { Published = true };
        round.Lock(by, time.GetUtcNow().UtcDateTime, JsonSerializer.Serialize(results, Json));
        audit.Add("评比轮次.锁定", nameof(EvaluationRound), round.Id.ToString(), after: round.Name, userName: by);
        await db.SaveChangesAsync();
    }

    public async Task UnlockAsync(int roundId, string? reason)
    {
        var round = await FindAsync(roundId) ?? throw RuleException.NotFound("考评轮次不存在。");
        round.Unlock(me.UserName ?? "", reason);
        audit.Add("评比轮次.解锁", nameof(EvaluationRound), round.Id.ToString(), before: "已锁定", after: "解锁理由：" + reason!.Trim());
        await db.SaveChangesAsync();
    }
}
