using Parley.Core.Accounts;

namespace Parley.Core.Tests.Accounts;

public sealed class SettingsServiceTests : IAsyncLifetime
{
    private TestDatabase _t = null!;

    public async Task InitializeAsync() => _t = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _t.DisposeAsync();

    private async Task<AccountSettings> ReadAsync()
    {
        await using var db = _t.NewContext();
        return await new SettingsService(db, _t.Clock).GetAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Valid_changes_are_saved_normalized()
    {
        var saved = await _t.Settings().UpdateAsync(new SettingsChanges(
            BusinessName: "  Acme Shop ",
            MessengerColor: "#1A2B3C",
            AllowedOrigins: ["https://Shop.Example.com/", "https://shop.example.com", "http://localhost:5000"],
            DefaultLanguage: "pt-BR",
            OfferedLanguages: ["en", "pt-BR", "en"],
            AutoCloseSolvedAfterDays: 7), CancellationToken.None);

        var stored = await ReadAsync();
        Assert.Equal("Acme Shop", stored.BusinessName);
        Assert.Equal("#1a2b3c", stored.MessengerColor);
        Assert.Equal("https://shop.example.com\nhttp://localhost:5000", stored.AllowedOrigins);
        Assert.Equal("pt-BR", stored.DefaultLanguage);
        Assert.Equal("en,pt-BR", stored.OfferedLanguages);
        Assert.Equal(7, stored.AutoCloseSolvedAfterDays);
        Assert.Equal(_t.Clock.GetUtcNow(), stored.UpdatedAt);
        Assert.Equal(stored.BusinessName, saved.BusinessName);
    }

    [Fact]
    public async Task Omitted_values_are_left_as_they_are()
    {
        var settings = _t.Settings();
        await settings.UpdateAsync(new SettingsChanges(BusinessName: "Acme Shop", Greeting: "Hello!"), CancellationToken.None);

        await settings.UpdateAsync(new SettingsChanges(MessagingEnabled: false), CancellationToken.None);

        var stored = await ReadAsync();
        Assert.Equal("Acme Shop", stored.BusinessName);
        Assert.Equal("Hello!", stored.Greeting);
        Assert.False(stored.MessagingEnabled);
    }

    [Fact]
    public async Task Invalid_values_are_all_reported_and_nothing_is_saved()
    {
        var settings = _t.Settings();
        await settings.UpdateAsync(new SettingsChanges(BusinessName: "Acme Shop"), CancellationToken.None);
        var before = await ReadAsync();
        _t.Clock.Advance(TimeSpan.FromMinutes(5));

        var problem = await Assert.ThrowsAsync<ParleyProblem>(() => settings.UpdateAsync(new SettingsChanges(
            BusinessName: "Renamed Shop",
            MessagingEnabled: false,
            MessengerColor: "blue",
            Greeting: new string('g', 501),
            AllowedOrigins: ["https://ok.example.com", "ftp://bad.example.com"],
            DefaultLanguage: "english",
            OfferedLanguages: ["en", "x"],
            AutoCloseSolvedAfterDays: 29), CancellationToken.None));

        Assert.Equal(ProblemKind.Validation, problem.Kind);
        Assert.NotNull(problem.Errors);
        Assert.Equal(
            ["allowedOrigins", "autoCloseSolvedAfterDays", "defaultLanguage", "greeting", "messengerColor", "offeredLanguages"],
            problem.Errors.Keys.Order(StringComparer.Ordinal));
        var after = await ReadAsync();
        Assert.Equal("Acme Shop", after.BusinessName);
        Assert.True(after.MessagingEnabled);
        Assert.Equal(before.MessengerColor, after.MessengerColor);
        Assert.Equal(before.Greeting, after.Greeting);
        Assert.Equal(before.AllowedOrigins, after.AllowedOrigins);
        Assert.Equal(before.DefaultLanguage, after.DefaultLanguage);
        Assert.Equal(before.OfferedLanguages, after.OfferedLanguages);
        Assert.Equal(before.AutoCloseSolvedAfterDays, after.AutoCloseSolvedAfterDays);
        Assert.Equal(before.UpdatedAt, after.UpdatedAt);
    }

    [Fact]
    public async Task Refused_update_leaves_the_service_usable()
    {
        var settings = _t.Settings();
        await Assert.ThrowsAsync<ParleyProblem>(() =>
            settings.UpdateAsync(new SettingsChanges(BusinessName: "Renamed", AutoCloseSolvedAfterDays: 0), CancellationToken.None));

        await settings.UpdateAsync(new SettingsChanges(Greeting: "Welcome"), CancellationToken.None);

        var stored = await ReadAsync();
        Assert.Equal("Welcome", stored.Greeting);
        Assert.NotEqual("Renamed", stored.BusinessName);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(28, true)]
    [InlineData(29, false)]
    public async Task Auto_close_days_must_be_between_1_and_28(int days, bool accepted)
    {
        var update = () => _t.Settings().UpdateAsync(new SettingsChanges(AutoCloseSolvedAfterDays: days), CancellationToken.None);

        if (accepted)
        {
            await update();
            Assert.Equal(days, (await ReadAsync()).AutoCloseSolvedAfterDays);
        }
        else
        {
            var problem = await Assert.ThrowsAsync<ParleyProblem>(update);
            Assert.NotNull(problem.Errors);
            Assert.True(problem.Errors.ContainsKey("autoCloseSolvedAfterDays"));
            Assert.Equal(4, (await ReadAsync()).AutoCloseSolvedAfterDays);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task Blank_business_name_is_refused(string name)
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _t.Settings().UpdateAsync(new SettingsChanges(BusinessName: name), CancellationToken.None));

        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey("businessName"));
    }

    [Fact]
    public async Task No_offered_languages_is_refused()
    {
        var problem = await Assert.ThrowsAsync<ParleyProblem>(() =>
            _t.Settings().UpdateAsync(new SettingsChanges(OfferedLanguages: []), CancellationToken.None));

        Assert.NotNull(problem.Errors);
        Assert.True(problem.Errors.ContainsKey("offeredLanguages"));
    }
}
