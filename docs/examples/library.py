from newsclean import fix_text, parse_article

print(fix_text("Caf\u00c3\u00a9 “menu”  today"))  # Café "menu" today
article = parse_article("Storm hits coast\n\nWaves  battered the town overnight.\n\nShare this")
print(article.headline, article.alt_headlines, article.site)
print([(b.kind, b.line, b.text[:30]) for b in article.blocks])
print(article.body)  # paragraph texts
print(article.body_text())  # paragraphs and subheadings, blank-line separated
print(article.to_dict())  # the JSON shape above, without "path"
