using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Data;
using Portal.Pages.Library.Import;
using Portal.Tests.Infrastructure;
using Portal.Tests.Supervision;

namespace Portal.Tests.Library.Import;

/// <summary>Upload progress is kept in the database: another instance (another tracker) answers the poll.</summary>
public class UploadProgressTrackerTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private UploadProgressTracker NewInstance(TimeProvider? time = null) =>
        new(factory.Services.GetRequiredService<PortalConnection>(), time ?? TimeProvider.System, NullLogger<UploadProgressTracker>.Instance);

    [Fact]
    public async Task Progress_ReportedOnOneInstance_IsReadOnAnother_OnlyByItsUser()
    {
        var one = NewInstance();
        var id = Guid.NewGuid().ToString("N");
        one.Report(id, "demo.staff", new UploadProgressTracker.Snapshot(1, 2, "甲.txt", "检查重复", 0.6, false));
        one.Report(id, "demo.staff", new UploadProgressTracker.Snapshot(2, 2, new string('长', 400), "保存", 0.8, false));
        await one.FlushedAsync();

        var other = NewInstance();
        var state = other.Get(id, "demo.staff");
        Assert.NotNull(state);
        Assert.Equal((2, 2, "保存", 0.8, false), (state.FileIndex, state.FileCount, state.Stage, state.Fraction, state.Done));
        Assert.Equal(UploadProgressEntry.FileNameLength, state.FileName.Length);
        Assert.Null(other.Get(id, "demo.liaison"));
        Assert.Null(other.Get("no-such-upload", "demo.staff"));
    }

    [Fact]
    public async Task Progress_OlderThanAnHour_IsDropped()
    {
        var time = new FixedTime(DateTimeOffset.UtcNow);
        var one = NewInstance(time);
        var old = Guid.NewGuid().ToString("N");
        one.Report(old, "demo.staff", new UploadProgressTracker.Snapshot(1, 1, "旧.txt", "完成", 1, true));
        await one.FlushedAsync();
        time.Now += TimeSpan.FromHours(2);
        one.Report(Guid.NewGuid().ToString("N"), "demo.staff", new UploadProgressTracker.Snapshot(1, 1, "新.txt", "开始处理", 0, false));
        await one.FlushedAsync();
        Assert.Null(NewInstance().Get(old, "demo.staff"));
    }
}
