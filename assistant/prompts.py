"""Fixed user-facing phrases (and, later, LLM prompts) live here."""

CANNOT_ANSWER = "资料库中没有找到能回答这个问题的依据，无法作答。"
EMPTY_QUESTION = "问题不能为空，请输入要查询的内容。"
PUNCT_QUESTION = "问题只有标点或符号，请输入具体的文字问题。"
LONG_QUESTION = "问题太长（{n} 个字，上限 {limit} 个字），请精简后再问。"
