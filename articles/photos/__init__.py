"""Photos: upload validation, storage, renditions, rights.

upload.py      validate_image_upload(): the one validator, for the admin and importers
services.py    photo_create(), photo_save(): every write of a photo
staging.py     originals staged until commit, so a killed writer leaves no orphan
specs.py       the named rendition sizes and formats
render.py      Pillow: upright, sRGB, metadata-free, resized, encoded
renditions.py  ensure_renditions(), rebuild_renditions(): made once per (photo, spec, format)
tasks.py       make_renditions, the background task
pictures.py    <picture> data for templates
cleanup.py     files deleted with their rows; staged originals swept
"""
