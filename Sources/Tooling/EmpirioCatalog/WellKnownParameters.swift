import EmpirioDocument

/// Definitions for parameters that OpenRouter-shaped listings give by name only
/// (`supported_parameters`, `supported_sampling_parameters`): type, range, default and
/// allowed values as the OpenAI-compatible chat API defines them.
public enum WellKnownParameters {
    /// The definition for `name`, or nil when the name is not well known.
    public static func definition(for name: String) -> Parameter? {
        table[name]
    }

    /// Every well-known name.
    public static var names: [String] { table.keys.sorted() }

    static let table: [String: Parameter] = {
        var table: [String: Parameter] = [:]
        func add(_ parameter: Parameter) { table[parameter.name] = parameter }
        add(
            Parameter(
                name: "temperature", type: .number, description: "Sampling temperature: higher is more random.",
                defaultValue: 1, minimum: 0, maximum: 2))
        add(
            Parameter(
                name: "top_p", type: .number,
                description: "Nucleus sampling: keep the smallest token set whose probability reaches top_p.",
                defaultValue: 1, minimum: 0, maximum: 1))
        add(
            Parameter(
                name: "top_k", type: .integer, description: "Sample only from the k most likely tokens; 0 disables.",
                minimum: 0))
        add(
            Parameter(
                name: "min_p", type: .number,
                description: "Minimum token probability relative to the most likely token.", defaultValue: 0,
                minimum: 0, maximum: 1))
        add(
            Parameter(
                name: "top_a", type: .number,
                description: "Dynamic top-p based on the most likely token's probability.", defaultValue: 0, minimum: 0,
                maximum: 1))
        add(
            Parameter(
                name: "frequency_penalty", type: .number,
                description: "Penalise tokens by how often they already appeared.", defaultValue: 0, minimum: -2,
                maximum: 2))
        add(
            Parameter(
                name: "presence_penalty", type: .number, description: "Penalise tokens that already appeared at all.",
                defaultValue: 0, minimum: -2, maximum: 2))
        add(
            Parameter(
                name: "repetition_penalty", type: .number,
                description: "Multiplicative penalty on repeated tokens; 1 disables.", defaultValue: 1, minimum: 0,
                maximum: 2))
        add(Parameter(name: "max_tokens", type: .integer, description: "Most tokens to generate.", minimum: 1))
        add(
            Parameter(
                name: "max_completion_tokens", type: .integer,
                description: "Most tokens to generate, reasoning included.", minimum: 1))
        add(Parameter(name: "seed", type: .integer, description: "Seed for reproducible sampling."))
        add(
            Parameter(
                name: "stop", type: .array, description: "Sequences that end generation.",
                items: Parameter(name: "", type: .string), maxItems: 4))
        add(
            Parameter(
                name: "logit_bias", type: .object,
                description: "Map from token id to a bias added to its logit (-100 to 100)."))
        add(
            Parameter(
                name: "logprobs", type: .boolean, description: "Return the log probability of each output token.",
                defaultValue: false))
        add(
            Parameter(
                name: "top_logprobs", type: .integer,
                description: "Number of most likely tokens to return at each position.", minimum: 0, maximum: 20,
                conditions: [ParameterCondition(requires: ["logprobs"])]))
        add(
            Parameter(
                name: "tools", type: .array, description: "Tools (functions) the model may call.",
                items: Parameter(name: "", type: .object)))
        add(
            Parameter(
                name: "tool_choice", type: .string, description: "How the model picks a tool: auto, none or required.",
                allowedValues: ["auto", "none", "required"], conditions: [ParameterCondition(requires: ["tools"])]))
        add(
            Parameter(
                name: "parallel_tool_calls", type: .boolean, description: "Allow several tool calls in one turn.",
                defaultValue: true))
        add(
            Parameter(
                name: "response_format", type: .object,
                description: "Constrain the output: {\"type\": \"json_object\"} or a JSON schema.",
                properties: [
                    Parameter(
                        name: "type", type: .string, description: "Output format.",
                        allowedValues: ["text", "json_object", "json_schema"], isRequired: true),
                    Parameter(name: "json_schema", type: .object, description: "The schema, when type is json_schema."),
                ]))
        add(
            Parameter(
                name: "structured_outputs", type: .boolean,
                description: "Enforce the JSON schema given in response_format."))
        add(
            Parameter(
                name: "reasoning", type: .object, description: "Reasoning controls: effort, max_tokens, exclude.",
                properties: [
                    Parameter(name: "effort", type: .string, allowedValues: ["minimal", "low", "medium", "high"]),
                    Parameter(name: "max_tokens", type: .integer, minimum: 1),
                    Parameter(name: "exclude", type: .boolean, defaultValue: false),
                ]))
        add(
            Parameter(
                name: "include_reasoning", type: .boolean, description: "Return the model's reasoning with the answer.")
        )
        add(
            Parameter(
                name: "reasoning_effort", type: .string, description: "How hard the model thinks before answering.",
                allowedValues: ["minimal", "low", "medium", "high"]))
        add(
            Parameter(
                name: "verbosity", type: .string, description: "How long the answer should be.", defaultValue: "medium",
                allowedValues: ["low", "medium", "high"]))
        add(
            Parameter(
                name: "web_search_options", type: .object, description: "Web search controls.",
                properties: [
                    Parameter(name: "search_context_size", type: .string, allowedValues: ["low", "medium", "high"])
                ]))
        add(
            Parameter(
                name: "prediction", type: .object,
                description: "Predicted output, to speed up regeneration of mostly-known text."))
        return table
    }()
}
