using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Pages.Admin;
using Portal.Pages.Evaluation;
using Portal.Pages.Library;
using Portal.Pages.Library.Import;
using Portal.Pages.Submissions;
using Portal.Pages.Supervision;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Security;

/// <summary>
/// Records of unit A (城关区, demo.liaison's unit) that the security tests aim at: an adopted submission with an attachment
/// and a 批示, a task A leads with a report and its attachment, a document restricted to unit A with its original file,
/// plus the ids other handlers take (an evaluation round and component, a user-dictionary word, an account). Each call makes new ones.
/// </summary>
public sealed record UnitAData(
    int UnitA, int UnitB, int Submission, int Instruction, int Task, int Report, int Document, string DocumentTitle,
    int Round, int Component, int Word, string User)
{
    public const string UnitAName = "城关区政府办公室";   // demo.liaison
    public const string UnitBName = "滨江区政府办公室";   // demo.liaison2

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8));

    /// <summary>The values a matrix address may name in braces: <c>/Submissions/Details/{submission}</c>.</summary>
    public IReadOnlyDictionary<string, string> Values => new Dictionary<string, string>
    {
        ["unitA"] = UnitA.ToString(), ["submission"] = Submission.ToString(), ["instruction"] = Instruction.ToString(),
        ["task"] = Task.ToString(), ["report"] = Report.ToString(), ["document"] = Document.ToString(),
        ["round"] = Round.ToString(), ["component"] = Component.ToString(), ["word"] = Word.ToString(), ["user"] = User,
    };

    public string Fill(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, "\\{([a-zA-Z]+)\\}", m => Values[m.Groups[1].Value]);

    public static async Task<UnitAData> CreateAsync(PortalFactory factory)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (unitA, unitB) = factory.Db(db => (db.Units.Single(u => u.Name == UnitAName).Id, db.Units.Single(u => u.Name == UnitBName).Id));
        var now = DateTime.UtcNow;

        var (submission, instruction) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            using var stored = await sp.GetRequiredService<Portal.Pages.Submissions.AttachmentStore>()
                .StageAsync(new MemoryStream("城关区附件"u8.ToArray()), "a.docx");
            var s = new Submission(unitA, $"城关区受保护的信息{tag}", "城关区正文", SubmissionCategory.Dynamic, Today.AddDays(-5), "demo.liaison", now);
            s.SetAttachment("城关区附件.docx", stored.StoredName, "application/octet-stream", 15, now);
            s.Adopt(AdoptionLevel.City, Today.AddDays(-2), "《政务信息》", "demo.staff", now);
            s.AddInstruction("市长", Today.AddDays(-1), "请推广", "demo.staff", now);
            db.Add(s);
            await db.SaveChangesAsync();
            stored.Commit();
            return (s.Id, s.Instructions.Single().Id);
        });

        var (task, report) = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var t = SupervisionTask.Register($"安〔{tag}〕号", TaskSource.LeaderInstruction, "测试文号", $"城关区受保护的事项{tag}", "要求",
                unitA, [], Today.AddDays(-10), Today.AddDays(20), TaskPriority.Normal, "test", now);
            t.Assign(Today.AddDays(-10), "test", now);
            var r = t.ReportProgress(unitA, Today.AddDays(-1), "城关区的进展", false, "demo.liaison", now);
            r.AttachmentName = "城关区进展.pdf";
            using var stored = await sp.GetRequiredService<Portal.Pages.Supervision.AttachmentStore>()
                .StageAsync(new MemoryStream("城关区进展附件"u8.ToArray()), "a.pdf");
            r.AttachmentStoredName = stored.StoredName;
            r.AttachmentSize = 21;
            db.Add(t);
            await db.SaveChangesAsync();
            stored.Commit();
            return (t.Id, r.Id);
        });

        var title = $"关于城关区内部事项{tag}的通知";
        var document = await factory.WithScopeAsync(async sp =>
        {
            var bytes = Encoding.UTF8.GetBytes(title + "\n城关区各科室：\n请做好城关区内部事项的保密工作。\n");
            using var staged = await sp.GetRequiredService<UploadStore>().StageAsync(bytes, "a.txt");
            var source = new SourceFile
            {
                OriginalName = "城关区内部通知.txt", StoredName = staged.StoredName,
                Size = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), UploadedAt = now, UploadedBy = "demo.staff",
            };
            var doc = new Document
            {
                Title = title, Body = "城关区各科室：\n请做好城关区内部事项的保密工作。", DocType = "通知",
                Visibility = DocumentVisibility.Restricted, Grants = { new DocumentGrant { UnitId = unitA } },
            };
            await sp.GetRequiredService<DocumentService>().AddFromFileAsync(source, [doc]);
            staged.Commit();
            return doc.Id;
        });

        var (round, component, word) = factory.Db(db =>
        {
            var r = db.Set<EvaluationRound>().Include(x => x.Components).OrderBy(x => x.Id).First(x => x.Components.Any(c => c.Method == FillMethod.Entered));
            var w = new DictionaryWord { Word = "安全词" + tag[..4], AddedAt = now, AddedBy = "test" };
            db.Add(w);
            db.SaveChanges();
            return (r.Id, r.Components.First(c => c.IsEntered).Id, w.Id);
        });
        // An account of unit A for the user-administration handlers (an administrator may disable or reset it).
        var user = await factory.WithScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Portal.Identity.PortalUser>>();
            var u = new Portal.Identity.PortalUser { UserName = "matrix." + tag, DisplayName = "城关区测试联络员", UnitId = unitA };
            await users.CreateAsync(u, "matrix-pass-2026");
            await users.AddToRoleAsync(u, Portal.Identity.Roles.Liaison);
            return u.Id;
        });
        return new UnitAData(unitA, unitB, submission, instruction, task, report, document, title, round, component, word, user);
    }
}
