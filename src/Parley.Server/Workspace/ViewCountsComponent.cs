using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Parley.Core.Conversations;
using Parley.Server.Auth;

namespace Parley.Server.Workspace;

/// <summary>A workspace component that shows the views' counts, kept current by <see cref="ViewCounts"/>.</summary>
public abstract class ViewCountsComponent : ComponentBase, IDisposable
{
    private IDisposable? _watch;
    private int _pushes;

    [Inject] private ViewCounts ViewCounts { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>How many conversations each view holds for the signed-in agent.</summary>
    protected IReadOnlyDictionary<ConversationView, int> Counts { get; private set; } = new Dictionary<ConversationView, int>();

    protected override async Task OnInitializedAsync()
    {
        var agentId = (await AuthenticationState).User.GetAgent().AgentId;
        // Watching before reading means no change in between is missed; a count pushed while the first read
        // runs is newer than it, so the read then gives way.
        if (RendererInfo.IsInteractive)
        {
            _watch = ViewCounts.Watch(agentId, counts => InvokeAsync(() =>
            {
                _pushes++;
                Counts = counts;
                StateHasChanged();
            }));
        }
        var pushes = _pushes;
        var read = await ViewCounts.GetAsync(agentId, default);
        if (_pushes == pushes)
        {
            Counts = read;
        }
    }

    public void Dispose()
    {
        _watch?.Dispose();
        GC.SuppressFinalize(this);
    }
}
