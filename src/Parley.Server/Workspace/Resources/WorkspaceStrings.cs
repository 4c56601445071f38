namespace Parley.Server.Workspace.Resources;

/// <summary>
/// Names the workspace's string tables (WorkspaceStrings.resx, English, and one WorkspaceStrings.{lang}.resx
/// per translation) for <c>IStringLocalizer&lt;WorkspaceStrings&gt;</c>.
/// </summary>
public sealed class WorkspaceStrings;
