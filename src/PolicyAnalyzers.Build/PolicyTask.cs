using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PolicyAnalyzers.Build.Reporting;
using PolicyAnalyzers.Policy;
using PolicyAnalyzers.Policy.Reading;

namespace PolicyAnalyzers.Build
{
    /// <summary>
    /// What every PolicyAnalyzers task shares: the policy layers, the project's audience and evaluation date, and
    /// reporting through the project's NoWarn/WarningsAsErrors settings so one setting controls analyzer and task alike.
    /// </summary>
    public abstract class PolicyTask : Task
    {
        /// <summary>Policy files in layer order (shipped policy first).</summary>
        [Required]
        public ITaskItem[] PolicyFiles { get; set; } = Array.Empty<ITaskItem>();

        public string? Audience { get; set; }

        /// <summary>PolicyAnalyzersDate: the date deadlines and waivers are evaluated on (empty: today, UTC).</summary>
        public string? Date { get; set; }

        /// <summary>PolicyAnalyzersRulesUrl: where rule pages are (an organisation's site); empty for the pages the package ships.</summary>
        public string? RulesUrl { get; set; }

        /// <summary>The rule's page, as this project configures it.</summary>
        protected string DocsLink(string id) => DiagnosticIds.DocsLink(id, RulesUrl);

        public string? NoWarn { get; set; }
        public string? WarningsAsErrors { get; set; }
        public string? WarningsNotAsErrors { get; set; }
        public bool TreatWarningsAsErrors { get; set; }

        /// <summary>A task never throws: a bug of ours becomes one diagnostic, never a stack trace or a silent pass.</summary>
        public override bool Execute()
        {
            try
            {
                Run();
            }
            catch (Exception e)
            {
                Unexpected(e);
            }

            return !Log.HasLoggedErrors;
        }

        protected abstract void Run();

        /// <summary>How an unexpected failure is reported: an error where the task guards the build, else a warning.</summary>
        protected abstract void Unexpected(Exception e);

        private WarningSettings? _settings;

        private WarningSettings Settings => _settings ??= new WarningSettings(NoWarn, WarningsAsErrors, WarningsNotAsErrors, TreatWarningsAsErrors);

        /// <summary>The snapshot of the layers, read and indexed once per content in a long-lived MSBuild node.</summary>
        protected PolicySnapshot LoadPolicy() => TaskPolicy.Load(ConfiguredFiles(PolicyFiles), Audience, Date);

        /// <summary>Each layer with the place the targets configured it in (metadata PolicyAnalyzersLayer).</summary>
        internal static IReadOnlyList<ConfiguredPolicyFile> ConfiguredFiles(IEnumerable<ITaskItem> items)
            => items.Select(f => new ConfiguredPolicyFile(f.GetMetadata("FullPath") is { Length: > 0 } p ? p : f.ItemSpec, ConfiguredPolicyFile.ParseSlot(f.GetMetadata("PolicyAnalyzersLayer")))).ToList();

        /// <summary>Logs at the level the project's settings make of it, and says which that was.</summary>
        protected ReportLevel Report(string id, ReportLevel level, string helpLink, string file, int line, int column, string message)
        {
            level = Settings.Apply(id, level);
            switch (level)
            {
                case ReportLevel.Error:
                    Log.LogError(null, id, null, helpLink, file, line, column, 0, 0, "{0}", message);
                    break;
                case ReportLevel.Warning:
                    Log.LogWarning(null, id, null, helpLink, file, line, column, 0, 0, "{0}", message);
                    break;
                case ReportLevel.Info:
                    // Shown, not silenced (a waived finding): a high-importance message with its code and place.
                    Log.LogMessage(null, id, null, file, line, column, 0, 0, MessageImportance.High, "{0}", message);
                    break;
            }

            return level;
        }
    }
}
