"""Machine translation engines behind one small interface, chosen by settings.

`MT_ENGINE` names the engine (`none`, the default; `libretranslate`; `deepl`),
`MT_URL` where it answers and `MT_API_KEY` its key. `engine_from_settings()`
builds it; callers ask `refusal(source, target)` before `translate(...)`, so a
pair the engine cannot translate is refused with its reason and never sent.

- `base`: the interface and its errors;
- `http`: the one HTTP exchange both web engines make (timeouts, status codes, JSON);
- `none`, `libretranslate`, `deepl`: the engines;
- `engines`: which setting names which engine.
"""
