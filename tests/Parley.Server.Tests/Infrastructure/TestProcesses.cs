using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Parley.Server.Tests.Infrastructure;

/// <summary>Starting the tests' own servers: a free loopback port, and a command that must succeed.</summary>
internal static class TestProcesses
{
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// Runs <paramref name="shell"/> once this test process has gone, however it goes. The test runner ends
    /// the test process by killing its whole process tree, before exit handlers can stop a server, so the
    /// watcher leaves the tree (a subshell the starting shell abandons, adopted by init) and polls for the
    /// test process instead.
    /// </summary>
    public static void CleanUpAfterExit(string shell)
    {
        var watcher = $"(exec >/dev/null 2>&1 </dev/null; while kill -0 {Environment.ProcessId}; do sleep 1; done; {shell}) &";
        using var process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", watcher]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("Could not start the clean-up watcher.");
        process.WaitForExit();
    }

    public static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}
