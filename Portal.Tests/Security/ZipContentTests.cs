using Portal.Infrastructure;

namespace Portal.Tests.Security;

public class ZipContentTests
{
    [Fact]
    public void UnpacksWithin_CountsWhatTheEntriesHold_NotWhatTheyDeclare()
    {
        var bomb = HostileFiles.ZipBombDocx(20);
        Assert.True(ZipContent.UnpacksWithin(new MemoryStream(bomb), 21L * 1024 * 1024));
        Assert.False(ZipContent.UnpacksWithin(new MemoryStream(bomb), 19L * 1024 * 1024));

        // Declaring 100 bytes for 20 MB: only what is declared comes out (the rest is never unpacked), and the XML read
        // that far is cut short, so the file reads as damaged.
        var lying = MalformedPackages.DeclareSmaller(bomb, "word/document.xml");
        Assert.True(ZipContent.UnpacksWithin(new MemoryStream(lying), 1000));
    }
}
