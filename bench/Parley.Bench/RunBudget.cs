using System.Runtime.InteropServices;

namespace Parley.Bench;

/// <summary>
/// Bounds a whole benchmark run in time, and turns Ctrl+C, SIGTERM and SIGHUP into a cancellation instead
/// of the end of the process, so the run's own clean-up stops its child processes (PostgreSQL runs
/// detached and would otherwise outlive the benchmark).
/// </summary>
internal sealed class RunBudget : IDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly PosixSignalRegistration[] _signals;

    public RunBudget(TimeSpan limit)
    {
        _cancel = new CancellationTokenSource(limit);
        _signals = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, Interrupted))];
    }

    public CancellationToken Token => _cancel.Token;

    private void Interrupted(PosixSignalContext signal)
    {
        signal.Cancel = true;
        Console.Error.WriteLine($"{signal.Signal}: stopping...");
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (var s in _signals)
        {
            s.Dispose();
        }
        _cancel.Dispose();
    }
}
