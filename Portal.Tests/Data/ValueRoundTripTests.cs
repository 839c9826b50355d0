using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// Values come back as they were stored, on the provider under test: Shanghai wall-clock times (DateTime of any kind,
/// kept as written), Identity's LockoutEnd (DateTimeOffset, the same instant) and dates.
/// </summary>
public class ValueRoundTripTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void DateTimes_OfEveryKind_ComeBackAsWritten()
    {
        var wall = new DateTime(2026, 11, 22, 23, 30, 15, 123);
        var kinds = new[] { DateTimeKind.Unspecified, DateTimeKind.Local, DateTimeKind.Utc };
        var ids = factory.Db(db =>
        {
            var entries = kinds.Select(k => new AuditEntry { At = DateTime.SpecifyKind(wall, k), Action = "往返测试", Entity = k.ToString() }).ToList();
            db.AuditEntries.AddRange(entries);
            db.SaveChanges();
            return entries.Select(e => e.Id).ToList();
        });
        var read = factory.Db(db => db.AuditEntries.AsNoTracking().Where(e => ids.Contains(e.Id)).Select(e => e.At).ToList());
        Assert.Equal(3, read.Count);
        Assert.All(read, at => Assert.Equal(wall, at));
        // Compared in the database too: a parameter of any kind matches the stored wall-clock time.
        Assert.Equal(3, factory.Db(db => db.AuditEntries.Count(e => ids.Contains(e.Id) && e.At == DateTime.SpecifyKind(wall, DateTimeKind.Utc))));
    }

    [Fact]
    public void LockoutEnd_AndDocumentDate_ComeBackUnchanged()
    {
        var lockout = new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.FromHours(8));
        var date = new DateOnly(2026, 2, 28);
        var (userId, docId) = factory.Db(db =>
        {
            var user = db.Users.OrderBy(u => u.UserName).First();
            user.LockoutEnd = lockout;
            var doc = db.Documents.OrderBy(d => d.Id).First();
            doc.DocDate = date;
            db.SaveChanges();
            return (user.Id, doc.Id);
        });
        var readLockout = factory.Db(db => db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.LockoutEnd).Single());
        Assert.Equal(lockout.UtcDateTime, readLockout!.Value.UtcDateTime);
        Assert.Equal(date, factory.Db(db => db.Documents.AsNoTracking().Where(d => d.Id == docId).Select(d => d.DocDate).Single()));
        Assert.Equal(1, factory.Db(db => db.Documents.Count(d => d.Id == docId && d.DocDate!.Value.Year == 2026 && d.DocDate.Value.Month == 2)));
    }
}
