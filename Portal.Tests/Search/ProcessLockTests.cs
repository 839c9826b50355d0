using Portal.Indexing.Search.Lucene;

namespace Portal.Tests.Search;

/// <summary>
/// The index's write lock keeps out every other opener (another process alike: the lock is an exclusive flock on a file, and
/// the CI load smoke runs the `import` verb beside a running portal) and is free again once its holder lets go.
/// </summary>
public sealed class ProcessLockTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "portal-lock-" + Guid.NewGuid().ToString("N")));

    public void Dispose() => _dir.Delete(true);

    [Fact]
    public void A_held_lock_refuses_a_second_holder_until_released()
    {
        var first = new ProcessLockFactory(_dir).MakeLock("write.lock");
        var second = new ProcessLockFactory(_dir).MakeLock("write.lock");
        Assert.False(second.IsLocked());
        Assert.True(first.Obtain());
        Assert.False(second.Obtain());
        Assert.True(second.IsLocked());
        first.Dispose();
        Assert.False(second.IsLocked());
        Assert.True(second.Obtain());
        second.Dispose();
    }
}
