using System;
using System.Collections.Generic;

namespace PolicyAnalyzers.Build.Reporting
{
    public enum ReportLevel
    {
        None,
        Info,
        Warning,
        Error,
    }

    /// <summary>
    /// Applies the project's NoWarn, WarningsAsErrors, WarningsNotAsErrors and TreatWarningsAsErrors to task
    /// findings the way the compiler applies them to analyzer findings, so one setting controls both.
    /// </summary>
    internal sealed class WarningSettings
    {
        private readonly HashSet<string> _noWarn;
        private readonly HashSet<string> _asErrors;
        private readonly HashSet<string> _notAsErrors;
        private readonly bool _allAsErrors;

        public WarningSettings(string? noWarn, string? warningsAsErrors, string? warningsNotAsErrors, bool treatWarningsAsErrors)
        {
            _noWarn = Split(noWarn);
            _asErrors = Split(warningsAsErrors);
            _notAsErrors = Split(warningsNotAsErrors);
            _allAsErrors = treatWarningsAsErrors;
        }

        public ReportLevel Apply(string id, ReportLevel level)
        {
            if (_noWarn.Contains(id))
            {
                return ReportLevel.None;
            }

            if (level == ReportLevel.Warning && (_asErrors.Contains(id) || (_allAsErrors && !_notAsErrors.Contains(id))))
            {
                return ReportLevel.Error;
            }

            return level;
        }

        private static HashSet<string> Split(string? list)
        {
            var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            if (list != null)
            {
                foreach (var part in list.Split(';', ','))
                {
                    if (part.Trim().Length > 0)
                    {
                        set.Add(part.Trim());
                    }
                }
            }

            return set;
        }
    }
}
