using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Parley.Core;
using Parley.Core.Accounts;
using Parley.Core.Conversations;
using Parley.Server.Auth;
using Parley.Server.Workspace;
using Parley.Server.Workspace.Resources;

namespace Parley.Server.Admin;

/// <summary>
/// An admin center page. The router only shows it to an admin, but a circuit keeps the role it started
/// with, so every change re-reads the agent from the database and refuses unless they are still an admin.
/// </summary>
public abstract partial class AdminPage : ComponentBase
{
    [Inject] protected CoreScope Core { get; set; } = default!;

    [Inject] protected IStringLocalizer<WorkspaceStrings> T { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected AgentActor Agent { get; private set; } = default!;

    /// <summary>A sentence about the last failed action, or null.</summary>
    protected string? Error { get; set; }

    /// <summary>The last failed action's messages per field (e.g. "messengerColor").</summary>
    protected IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>"true" once the page runs in a live circuit, so clicks reach it; tests wait for it.</summary>
    protected string Live => RendererInfo.IsInteractive ? "true" : "false";

    protected override async Task OnInitializedAsync()
    {
        Agent = (await AuthenticationState).User.GetAgent();
        await LoadAsync();
    }

    /// <summary>Reads what the page shows.</summary>
    protected abstract Task LoadAsync();

    /// <summary>Runs a change as an admin: re-checks the role in the database, then turns Core's problems into messages.</summary>
    protected async Task<bool> ChangeAsync(Func<IServiceProvider, Task> work)
    {
        Error = null;
        FieldErrors = new Dictionary<string, string[]>();
        try
        {
            var allowed = await Core.RunAsync(async sp =>
            {
                var me = await sp.GetRequiredService<AgentDirectory>().FindActiveAsync(Agent.AgentId, default);
                if (me is not { Role: AgentRole.Admin })
                {
                    return false;
                }
                await work(sp);
                return true;
            });
            if (!allowed)
            {
                Error = T["NotAllowed_Text"];
            }
            return allowed;
        }
        catch (ParleyProblem problem)
        {
            FieldErrors = problem.Errors ?? new Dictionary<string, string[]>();
            Error = problem.Code switch
            {
                "last-admin" => T["Team_Error_LastAdmin"],
                "agent-email-taken" => T["Team_Error_EmailTaken"],
                "validation" => T["Admin_Error_NotSaved"],
                _ => WorkspaceErrors.Describe(problem, T),
            };
            return false;
        }
    }

    /// <summary>The message for one field, in the admin's language when there is a translation.</summary>
    protected string? FieldError(string field)
    {
        if (!FieldErrors.TryGetValue(field, out var messages) || messages.Length == 0)
        {
            return null;
        }
        // "conditions[2].value" reads the string of "conditions.value"; one with {0} wraps Core's own message.
        var translated = T[$"Field_Error_{field}"];
        if (translated.ResourceNotFound)
        {
            translated = T[$"Field_Error_{Indices().Replace(field, "")}"];
        }
        return translated.ResourceNotFound ? messages[0] : string.Format(System.Globalization.CultureInfo.CurrentCulture, translated, messages[0]);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\[\d+\]")]
    private static partial System.Text.RegularExpressions.Regex Indices();
}
