using Lucene.Net.Store;
using LuceneLock = Lucene.Net.Store.Lock;

namespace Portal.Indexing.Search.Lucene;

/// <summary>
/// The index's write lock as a file opened with <see cref="FileShare.None"/>: .NET takes an exclusive flock on it, which
/// every other process respects and the kernel releases when the holder dies (a killed import leaves no stale lock).
/// Lucene.Net's own native lock did not keep a second process out on Linux: the `import` verb and a running portal
/// both wrote one directory, and each deleted the other's new segment files (the CI load smoke found it).
/// </summary>
internal sealed class ProcessLockFactory : FSLockFactory
{
    public ProcessLockFactory(DirectoryInfo directory) => SetLockDir(directory);

    public override LuceneLock MakeLock(string lockName) =>
        new FileLock(Path.Combine(m_lockDir.FullName, (m_lockPrefix is null ? "" : m_lockPrefix + "-") + lockName));

    public override void ClearLock(string lockName) { }   // nothing stays behind: the kernel drops the lock with its holder

    private sealed class FileLock(string path) : LuceneLock
    {
        private FileStream? _held;

        public override bool Obtain()
        {
            if (_held is not null) return false;
            try
            {
                System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return true;
            }
            catch (IOException) { return false; }
        }

        public override bool IsLocked()
        {
            if (_held is not null) return true;
            if (!Obtain()) return true;
            Release();
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Release();
        }

        private void Release()
        {
            _held?.Dispose();
            _held = null;
        }

        public override string ToString() => "ProcessLock@" + path;
    }
}
