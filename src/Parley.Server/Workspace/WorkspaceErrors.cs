using Microsoft.Extensions.Localization;
using Parley.Core;
using Parley.Server.Workspace.Resources;

namespace Parley.Server.Workspace;

/// <summary>Turns a Core problem into a sentence for the agent, in the workspace's language.</summary>
public static class WorkspaceErrors
{
    public static string Describe(ParleyProblem problem, IStringLocalizer<WorkspaceStrings> t) => problem.Code switch
    {
        "no-chat-access" => t["Error_NoChatAccess"],
        "continuity-prerequisites" => t["Error_ContinuityPrerequisites"],
        "conversation-closed" => t["Error_Closed"],
        "attachment-empty" or "attachment-too-large" or "too-many-attachments" or "attachments-too-large" => t["Error_Attachments"],
        _ => t["Error_Other", problem.Errors?.Values.SelectMany(v => v).FirstOrDefault() ?? problem.Message],
    };
}
