"""A small photo gallery on S3, the starting point of exercises 5 and 6, as it runs in the course's page.

It is examples/photo-gallery/app.py with its page built in Python instead of a Jinja template (the page's Python has
Flask's API but no Jinja), and a label list under each photo (Rekognition's DetectLabels) for exercise 6.

Configuration comes from the environment:
  PHOTOS_BUCKET  the S3 bucket holding the photos (required)
  FLASK_SECRET   the key Flask signs its session cookie with (default: a new random key each run)
  AWS_REGION     the bucket's region (default us-west-2); credentials come from the default chain.

Run:  PHOTOS_BUCKET=photos-... python3 app.py    (or: flask --app app run --host 127.0.0.1 --port 5000)
"""
import os
import secrets
import sys
import uuid
from html import escape

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from flask import Flask, flash, get_flashed_messages, redirect, request, url_for

PRESIGNED_URL_SECONDS = 3600
# Rekognition labels JPEG and PNG images only (exercise 6), so the gallery takes no other kind. A photo's kind is read
# from its first bytes, which say what it is, not from its name or the type the browser gives.
IMAGE_SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}
REGION = os.environ.get("AWS_REGION", "us-west-2")


def required_setting(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"Set {name} before starting the app, e.g. export {name}=...")
    return value


BUCKET = required_setting("PHOTOS_BUCKET")
app = Flask(__name__)
app.secret_key = os.environ.get("FLASK_SECRET") or secrets.token_hex(16)
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
# boto3 still presigns S3 URLs with the legacy Signature Version 2 unless told otherwise; SigV4 is what S3 expects
# today (and the only version in newer regions).
s3 = boto3.client("s3", region_name=REGION, config=Config(signature_version="s3v4"))
rekognition = boto3.client("rekognition", region_name=REGION)


def list_photos():
    """Every object of the bucket, as S3 lists it (in key order). Exercise 5 changes the order."""
    photos = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        photos.extend(page.get("Contents", []))
    return photos


def photo_url(key):
    """A presigned GET URL: the browser loads the image straight from the private bucket."""
    return s3.generate_presigned_url(
        "get_object", Params={"Bucket": BUCKET, "Key": key}, ExpiresIn=PRESIGNED_URL_SECONDS
    )


def image_type(photo):
    """The uploaded photo's type by its first bytes: image/jpeg, image/png, or None for any other kind of file."""
    head = photo.stream.read(8)
    photo.stream.seek(0)
    return next((kind for signature, kind in IMAGE_SIGNATURES.items() if head.startswith(signature)), None)


def photo_labels(key):
    """Rekognition's labels for a photo, most confident first, as (name, confidence) pairs."""
    response = rekognition.detect_labels(
        Image={"S3Object": {"Bucket": BUCKET, "Name": key}}, MaxLabels=10, MinConfidence=75
    )
    return [(label["Name"], label["Confidence"]) for label in response["Labels"]]


def labelled(key):
    """A photo's labels, or why Rekognition could not label it (a GIF or WebP, say): one photo never fails the page."""
    try:
        return {"labels": photo_labels(key), "problem": None}
    except ClientError as error:
        if error.response["Error"]["Code"] == "InvalidImageFormatException":
            return {"labels": [], "problem": "Rekognition cannot label this photo: it reads JPEG and PNG images only."}
        return {"labels": [], "problem": f"Rekognition cannot label this photo: {error}"}


def photo_item(photo):
    """One photo of the list: the image, its key and upload time, and its labels (exercise 6 adds confidences)."""
    key = escape(photo["key"])
    if photo["problem"]:
        labels = f'\n      <p class="error">{escape(photo["problem"])}</p>'
    else:
        items = "".join(f"<li>{escape(name)}</li>" for name, confidence in photo["labels"])
        labels = f'\n      <ul class="labels">{items}</ul>'
    return f"""
    <li>
      <img src="{escape(photo["url"])}" alt="{key}" data-key="{key}">
      <p>{key}<br><small>{escape(str(photo["modified"]))}</small></p>{labels}
    </li>"""


STYLE = """
    body { font-family: system-ui, sans-serif; margin: 1rem auto; max-width: 60rem; padding: 0 1rem; }
    ul.photos { list-style: none; padding: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 1rem; }
    ul.photos img { width: 100%; height: 12rem; object-fit: cover; border-radius: 6px; }
    .error { color: #b3261e; }
"""


def render_page(photos, error):
    """The gallery's page, as examples/photo-gallery/templates/index.html renders it."""
    messages = "".join(f'<p role="status">{escape(message)}</p>' for message in get_flashed_messages())
    alert = f'<p class="error" role="alert">Could not list the bucket: {escape(error)}</p>' if error else ""
    items = "".join(photo_item(photo) for photo in photos) or "\n    <li>No photos yet: upload one.</li>"
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Photo gallery</title>
  <style>{STYLE}  </style>
</head>
<body>
  <h1>Photo gallery</h1>
  {messages}
  {alert}
  <form action="/upload" method="post" enctype="multipart/form-data">
    <label for="photo">Photo</label>
    <input id="photo" name="photo" type="file" accept="image/jpeg,image/png">
    <button type="submit">Upload</button>
  </form>
  <ul class="photos">{items}
  </ul>
</body>
</html>
"""


@app.get("/")
def index():
    try:
        photos = [
            {"key": p["Key"], "url": photo_url(p["Key"]), "modified": p["LastModified"], **labelled(p["Key"])}
            for p in list_photos()
        ]
    except (BotoCoreError, ClientError) as error:
        return render_page([], str(error)), 502
    return render_page(photos, None)


@app.post("/upload")
def upload():
    photo = request.files.get("photo")
    if photo is None or photo.filename == "":
        flash("Choose a photo to upload.")
    elif (kind := image_type(photo)) is None:
        flash(f"{photo.filename} is not a JPEG or PNG image: the gallery takes those two kinds only.")
    else:
        key = f"photos/{uuid.uuid4().hex}-{os.path.basename(photo.filename)}"
        s3.upload_fileobj(photo, BUCKET, key, ExtraArgs={"ContentType": kind})
        flash(f"Uploaded {photo.filename}.")
    return redirect(url_for("index"))


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=5000)
