using Parley.Core.EndUsers;
using Parley.Core.Events;

namespace Parley.Core.Tests.EndUsers;

public sealed class EndUserProfilesTests : IAsyncLifetime
{
    private TestDatabase _t = null!;
    private EndUserProfiles _profiles = null!;
    private Guid _endUser;

    public async Task InitializeAsync()
    {
        _t = await TestDatabase.CreateAsync();
        _profiles = new EndUserProfiles(_t.Db, _t.Events);
        _endUser = await _t.AddEndUserAsync();
    }

    public async Task DisposeAsync() => await _t.DisposeAsync();

    [Fact]
    public async Task A_language_change_is_announced_once_after_it_is_saved()
    {
        await _profiles.SetLanguageAsync(_endUser, "ko", default);
        await _profiles.SetLanguageAsync(_endUser, "ko", default);

        var changed = Assert.IsType<EndUserChanged>(Assert.Single(_t.Events.Published));
        Assert.Equal(_endUser, changed.EndUser.Id);
        Assert.Equal("ko", changed.EndUser.Language);
        Assert.False(_t.Events.PublishedBeforeCommit);
    }

    [Fact]
    public async Task A_typed_email_is_announced_and_typing_it_again_is_not()
    {
        await _profiles.SetEmailAsync(_endUser, "jo@example.com", default);
        await _profiles.SetEmailAsync(_endUser, "jo@example.com", default);

        var changed = Assert.IsType<EndUserChanged>(Assert.Single(_t.Events.Published));
        Assert.Equal("jo@example.com", changed.EndUser.Email);
        Assert.False(changed.EndUser.EmailVerified);
    }

    [Fact]
    public async Task A_refused_language_changes_nothing_and_announces_nothing()
    {
        await Assert.ThrowsAsync<ParleyProblem>(() => _profiles.SetLanguageAsync(_endUser, "not a language!", default));

        Assert.Empty(_t.Events.Published);
        Assert.Null((await _profiles.GetAsync(_endUser, default)).Language);
    }

    [Fact]
    public void An_identified_visitor_concerns_agents_looking_at_either_the_visitor_or_the_end_user()
    {
        var visitor = Guid.CreateVersion7();
        var endUser = new Parley.Core.Conversations.EndUserView(Guid.CreateVersion7(), "ext-1", "Jo", null, false, false, false, null, DateTimeOffset.UnixEpoch, null);
        var changed = new EndUserChanged(endUser, MergedFromId: visitor);

        Assert.True(changed.Concerns(visitor));
        Assert.True(changed.Concerns(endUser.Id));
        Assert.False(changed.Concerns(Guid.CreateVersion7()));
    }
}
