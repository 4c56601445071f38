namespace Parley.BrowserTests.Infrastructure;

/// <summary>
/// Waits for something the server does in the background (a workspace tab's heartbeat) to show in the database.
/// It re-checks a condition until it holds or a deadline passes; it never waits a fixed time.
/// </summary>
public static class Until
{
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(25);
        }
    }
}
