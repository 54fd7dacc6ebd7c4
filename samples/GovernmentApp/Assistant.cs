using System;

namespace GovernmentApp
{
    /// <summary>A second vendor: a chat assistant reached through DeepSeek's OpenAI-compatible API.</summary>
    public static class Assistant
    {
        // DeepSeek's API host, as its documentation gives it: a finding where the constant is written.
        private const string DeepSeekApi = "https://api.deepseek.com/v1";

        public static Uri Endpoint(string? configured) => new Uri(configured ?? DeepSeekApi);
    }
}
