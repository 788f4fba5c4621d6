from newsclean.batch import clean_batch, map_record

# A record comes out as `newsclean --input-format jsonl` writes its line.
print(map_record({"id": 7, "text": "Rain  falls.\n\nShare this"}))
# {'id': 7, 'text': 'Rain falls.'}
rows = clean_batch(["Storm hits coast\n\nWaves  battered the town."], fmt="jsonl")
print(rows[0]["newsclean"]["headline"])  # Storm hits coast
