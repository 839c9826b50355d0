namespace Portal.Tests.Infrastructure;

/// <summary>Waits for something the portal does in the background (the index follower, a merge) to become true.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 60)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out after {seconds} s waiting for {what}");
            await Task.Delay(100);
        }
    }
}
