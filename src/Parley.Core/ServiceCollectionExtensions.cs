using Microsoft.Extensions.DependencyInjection;
using Parley.Core.Accounts;
using Parley.Core.BusinessHours;
using Microsoft.Extensions.Options;
using Parley.Core.Continuity;
using Parley.Core.Email.Inbound;
using Parley.Core.Conversations;
using Parley.Core.Data;
using Parley.Core.Email;
using Parley.Core.Email.Outbound;
using Parley.Core.EndUsers;
using Parley.Core.Security;
using Parley.Core.Triggers;

namespace Parley.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the database and the product's services. The host supplies an <c>IEventPublisher</c>.</summary>
    public static IServiceCollection AddParleyCore(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddDbContextPool<AppDbContext>(options => DatabaseSetup.Configure(options, database));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PasswordHasher>();
        services.AddScoped<AgentSignIn>();
        services.AddScoped<AgentDirectory>();
        services.AddScoped<AccountAvailability>();
        services.AddScoped<AgentPresence>();
        services.AddScoped<BusinessHoursService>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<SettingsService>();
        services.AddScoped<MessengerSessions>();
        services.AddScoped<EndUserProfiles>();
        services.AddScoped<ConversationService>();
        services.AddScoped<ConversationCommands>();
        services.AddScoped<ConversationQueries>();
        services.AddScoped<AttachmentQueries>();
        services.AddScoped<SolvedConversationCloser>();
        services.AddScoped<FirstRunSetup>();
        services.AddSingleton<TriggerCatalog>();
        services.AddScoped<TriggerEvents>();
        services.AddScoped<TriggerEngine>();
        services.AddScoped<TriggerService>();
        services.AddScoped<ContinuitySweep>();
        services.AddScoped<ContinuationEmails>();
        services.AddScoped<OutboxDelivery>();
        services.AddSingleton<EmailRound>();
        services.AddScoped<SupportAddresses>();
        services.AddScoped<ContinuitySettings>();
        services.AddScoped<EmailLinks>();
        services.AddScoped<ContinuityQueries>();
        services.AddScoped<ConversationFinder>();
        services.AddScoped<BounceRecorder>();
        services.AddScoped<ReplyPoster>();
        services.AddScoped<InboundPipeline>();
        services.AddScoped<HeldReplies>();
        services.AddScoped<InboundEmailQueries>();
        services.AddScoped<InboundSettings>();
        services.AddScoped<InboundKeys>();
        services.AddScoped<MailboxReader>();
        services.AddScoped<EmailTemplates>();
        // One development mailbox per process, in the folder the options name (relative to the working folder).
        services.AddSingleton(sp => new DevelopmentMailbox(
            Path.GetFullPath(sp.GetRequiredService<IOptions<EmailOptions>>().Value.DevelopmentMailboxFolder), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
