using Portal.Data;

namespace Portal.Tests.Data;

public class SqlitePragmasTests
{
    [Fact]
    public void PortalConnection_HasBusyTimeoutAndMemoryMappedReads()
    {
        var file = Path.Combine(Path.GetTempPath(), $"pragmas-{Guid.NewGuid():N}.db");
        try
        {
            using var c = new PortalConnection($"Data Source={file};Pooling=False").Open();
            long Pragma(string name)
            {
                using var cmd = c.CreateCommand();
                cmd.CommandText = $"PRAGMA {name}";
                return Convert.ToInt64(cmd.ExecuteScalar());
            }
            Assert.Equal(10000, Pragma("busy_timeout"));
            Assert.Equal(SqlitePragmas.MmapSize, Pragma("mmap_size"));
        }
        finally { File.Delete(file); }
    }
}
