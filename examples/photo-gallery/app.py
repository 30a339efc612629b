"""A small photo gallery on S3, the starting point of exercises 5 and 6.

Configuration comes from the environment:
  PHOTOS_BUCKET  the S3 bucket holding the photos (required)
  FLASK_SECRET   the key Flask signs its session cookie with (required)
  AWS_REGION     the bucket's region (default us-west-2); credentials come from the default chain.

Run:  flask --app app run --host 127.0.0.1 --port 5000
"""
import os
import sys
import uuid

import boto3
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from flask import Flask, flash, redirect, render_template, request, url_for

PRESIGNED_URL_SECONDS = 3600
# Rekognition labels JPEG and PNG images only (exercise 6), so the gallery takes no other kind. A photo's kind is read
# from its first bytes, which say what it is, not from its name or the type the browser gives.
IMAGE_SIGNATURES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def required_setting(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"Set {name} before starting the app, e.g. export {name}=...")
    return value


BUCKET = required_setting("PHOTOS_BUCKET")
app = Flask(__name__)
app.secret_key = required_setting("FLASK_SECRET")
app.config["MAX_CONTENT_LENGTH"] = 10 * 1024 * 1024
# boto3 still presigns S3 URLs with the legacy Signature Version 2 unless told otherwise; SigV4 is what S3 expects
# today (and the only version in newer regions).
s3 = boto3.client(
    "s3", region_name=os.environ.get("AWS_REGION", "us-west-2"), config=Config(signature_version="s3v4")
)


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


@app.get("/")
def index():
    try:
        photos = [{"key": p["Key"], "url": photo_url(p["Key"]), "modified": p["LastModified"]} for p in list_photos()]
    except (BotoCoreError, ClientError) as error:
        return render_template("index.html", photos=[], error=str(error)), 502
    return render_template("index.html", photos=photos, error=None)


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
