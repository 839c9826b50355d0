using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Excel;
using Portal.Infrastructure;
using Portal.Pages.Evaluation;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;

namespace Portal.Pages.Admin;

public sealed record AuditFilter(DateOnly? From = null, DateOnly? To = null, string? User = null, string? Kind = null, string? Object = null);

/// <summary>One line as the page and the export show it: who (姓名, 系统) and from which address, what (in Chinese), on what (with its page).</summary>
public sealed record AuditLine(long Id, DateTime At, string Person, string? Address, string Action, string Object, string? Link, string? Before, string? After)
{
    public string Text => Object.Length == 0 ? Action : $"{Action}{Object}";
}

/// <summary>The audit log for administrators: filters, pages, the Excel export.</summary>
public sealed class AuditLogService(PortalDbContext db, PersonNames names, TimeProvider time)
{
    public const int PageSize = 50;
    private const int ExportLimit = 100_000;

    /// <summary>The page's columns (URL keys); newest first by default.</summary>
    public static readonly SortKeys<AuditEntry> Sorts = new SortKeys<AuditEntry>()
        .Add("at", a => a.At).Add("user", a => a.UserName).Add("address", a => a.ClientAddress).Add("action", a => a.Action)
        .ThenBy(a => a.Id, desc: true)
        .Default(q => q.OrderByDescending(a => a.Id));

    public async Task<ListPage<AuditLine>> ListAsync(AuditFilter f, ListQuery list)
    {
        var page = await list.PageAsync(Sorts.Apply(await QueryAsync(f), list), PageSize);
        return new(await LinesAsync(page.Items), page.Total, page.Page, page.PageSize);
    }

    /// <summary>The filtered log in the page's order.</summary>
    public async Task<byte[]> ExportAsync(AuditFilter f, ListQuery list)
    {
        var rows = await Sorts.Apply(await QueryAsync(f), list).Take(ExportLimit).ToListAsync();
        var sheet = new ExcelSheet("审计日志", [new("时间"), new("操作人"), new("地址"), new("操作"), new("变更前"), new("变更后")]) { Title = "审计日志" };
        sheet.Subtitles.Add($"导出时间：{ShanghaiClock.Format(time.GetUtcNow().UtcDateTime)}");
        foreach (var l in await LinesAsync(rows))
            sheet.AddRow(ShanghaiClock.Format(l.At), l.Person, l.Address, l.Text, l.Before, l.After);
        return ExcelWriter.ToBytes(sheet);
    }

    private async Task<IQueryable<AuditEntry>> QueryAsync(AuditFilter f)
    {
        var q = db.AuditEntries.AsNoTracking();
        if (f.From is DateOnly from)
        {
            var start = ShanghaiClock.StartOfDayUtc(from);
            q = q.Where(a => a.At >= start);
        }
        if (f.To is DateOnly to)
        {
            var end = ShanghaiClock.StartOfDayUtc(to.AddDays(1));
            q = q.Where(a => a.At < end);
        }
        if (!string.IsNullOrWhiteSpace(f.User))
        {
            var text = f.User.Trim();
            if (text == PersonNames.System) q = q.Where(a => a.UserName == null);
            else
            {
                // 姓名 or login name: the log keeps login names.
                var logins = await db.Users.Where(u => u.DisplayName.Contains(text) || u.UserName!.Contains(text)).Select(u => u.UserName!).ToListAsync();
                q = q.Where(a => a.UserName != null && (logins.Contains(a.UserName) || a.UserName.Contains(text)));
            }
        }
        if (AuditText.Kinds.FirstOrDefault(k => k.Key == f.Kind) is { Key: not null } kind)
            q = kind.Key == "login"
                ? q.Where(a => a.Action.StartsWith("登录") || a.Action == "停用账户登录")
                : q.Where(a => a.Entity != null && kind.Entities.Contains(a.Entity) && !a.Action.StartsWith("登录"));
        if (!string.IsNullOrWhiteSpace(f.Object))
        {
            var text = f.Object.Trim();
            var items = await db.Set<Submission>().Where(s => s.Title.Contains(text)).Select(s => s.Id.ToString()).Take(1000).ToListAsync();
            var tasks = await db.Set<SupervisionTask>().Where(t => t.Title.Contains(text)).Select(t => t.Id.ToString()).Take(1000).ToListAsync();
            q = q.Where(a => (a.EntityId != null && a.EntityId.Contains(text)) || (a.After != null && a.After.Contains(text)) || (a.Before != null && a.Before.Contains(text))
                             || (a.Entity == "Submission" && items.Contains(a.EntityId!)) || (a.Entity == "SupervisionTask" && tasks.Contains(a.EntityId!)));
        }
        return q;
    }

    /// <summary>Names the objects of a page of lines with one query per kind of object.</summary>
    private async Task<List<AuditLine>> LinesAsync(IReadOnlyList<AuditEntry> rows)
    {
        List<int> Ids(string entity) => rows.Where(r => r.Entity == entity && int.TryParse(r.EntityId, out _)).Select(r => int.Parse(r.EntityId!)).Distinct().ToList();
        var items = Ids("Submission");
        var tasks = Ids("SupervisionTask");
        var rounds = Ids("EvaluationRound");
        var docs = Ids("Document");
        var units = Ids("Unit");
        var titles = new Dictionary<(string, string), string>();
        void Add(string entity, IEnumerable<(int Id, string Title)> found) { foreach (var (id, title) in found) titles[(entity, id.ToString())] = title; }
        Add("Submission", (await db.Set<Submission>().Where(s => items.Contains(s.Id)).Select(s => new { s.Id, s.Title }).ToListAsync()).Select(x => (x.Id, x.Title)));
        Add("SupervisionTask", (await db.Set<SupervisionTask>().Where(t => tasks.Contains(t.Id)).Select(t => new { t.Id, t.Title }).ToListAsync()).Select(x => (x.Id, x.Title)));
        Add("EvaluationRound", (await db.Set<EvaluationRound>().Where(r => rounds.Contains(r.Id)).Select(r => new { r.Id, r.Name }).ToListAsync()).Select(x => (x.Id, x.Name)));
        Add("Document", (await db.Documents.Where(d => docs.Contains(d.Id)).Select(d => new { d.Id, d.Title }).ToListAsync()).Select(x => (x.Id, x.Title)));
        Add("Unit", (await db.Units.Where(u => units.Contains(u.Id)).Select(u => new { u.Id, u.Name }).ToListAsync()).Select(x => (x.Id, x.Name)));
        var logins = rows.Where(r => r.Entity == "User" && r.EntityId != null).Select(r => r.EntityId!).Distinct().ToList();
        var accounts = await db.Users.Where(u => logins.Contains(u.UserName!)).Select(u => new { u.Id, u.UserName }).ToListAsync();

        return rows.Select(r =>
        {
            var key = (r.Entity ?? "", r.EntityId ?? "");
            var title = r.Entity switch
            {
                "User" when r.EntityId is not null => $"{names.Of(r.EntityId)}（{r.EntityId}）",
                "ScoringRule" or "DictionaryWord" => r.EntityId,
                _ => titles.GetValueOrDefault(key) ?? (r.EntityId is null ? null : $"#{r.EntityId}"),
            };
            string? link = r.Entity switch
            {
                "Submission" when titles.ContainsKey(key) => $"/Submissions/Details/{r.EntityId}",
                "SupervisionTask" when titles.ContainsKey(key) => $"/Supervision/Task/{r.EntityId}",
                "EvaluationRound" when titles.ContainsKey(key) => $"/Evaluation/Round?id={r.EntityId}",
                "Document" when titles.ContainsKey(key) => $"/Library/Details/{r.EntityId}",
                "Unit" when titles.ContainsKey(key) => $"/Admin/Units/Edit/{r.EntityId}",
                "ScoringRule" => $"/Submissions/Rules?year={r.EntityId}",
                "User" => accounts.FirstOrDefault(a => string.Equals(a.UserName, r.EntityId, StringComparison.OrdinalIgnoreCase))?.Id is { } id ? $"/Admin/Users/Edit/{id}" : null,
                _ => null,
            };
            var sign = AuditText.IsSignIn(r.Action);
            return new AuditLine(r.Id, r.At, names.Of(r.UserName), r.ClientAddress, AuditText.Action(r.Action), sign ? "" : AuditText.Object(r.Entity, title), link, r.Before, r.After);
        }).ToList();
    }
}
