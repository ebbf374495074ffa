"""The blog's back office under ``/manage/blog/``, and "Write the story" on an event."""

from __future__ import annotations

from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.orm import joinedload

from eventapp.auth.rights import get_managed_event
from eventapp.blog import services
from eventapp.blog.blueprint import bp
from eventapp.blog.forms import CaptionForm, ConfirmForm, PhotoForm, PostForm
from eventapp.blog.models import BlogPhoto, BlogPost
from eventapp.blog.queries import is_public
from eventapp.blog.render import render_markdown
from eventapp.core.errors import DomainError, NotFound
from eventapp.core.params import id_arg
from eventapp.core.uploads import UploadError
from eventapp.extensions import db


def _editable_post(post_id: int) -> BlogPost:
    post = db.session.get(BlogPost, post_id)
    if post is None:
        raise NotFound(_("No such post."))
    services.require_post_editor(current_user, post)
    return post


def _photo(post: BlogPost, photo_id: int) -> BlogPhoto:
    photo = db.session.get(BlogPhoto, photo_id)
    if photo is None or photo.post_id != post.id:
        raise NotFound(_("No such photo."))
    return photo


@bp.get("/manage/blog/")
@login_required
def manage_list():
    """The posts this organiser may edit, most recently changed first."""
    stmt = (
        services.editable_posts(current_user)
        .options(joinedload(BlogPost.event))
        .order_by(BlogPost.updated_at.desc(), BlogPost.id.desc())
    )
    posts = list(db.session.execute(stmt).scalars())
    return render_template("blog/manage/list.html", posts=posts, is_public=is_public)


def _edit_page(
    form: PostForm, post: BlogPost | None, status: int = 200, preview=None, photo_form=None
):
    return (
        render_template(
            "blog/manage/edit.html", form=form, post=post, preview_html=preview,
            photo_form=photo_form or PhotoForm(prefix="photo"), caption_form=CaptionForm,
            confirm_form=ConfirmForm(), is_public=is_public,
        ),
        status,
    )  # fmt: skip


def _save(form: PostForm, post: BlogPost | None):
    """Preview, or check and save, a submitted post form."""
    if "preview" in request.form:
        return _edit_page(form, post, preview=render_markdown(form.body_md.data or ""))
    if not form.validate_on_submit():
        return _edit_page(form, post, status=400)
    try:
        saved = services.save_post(current_user, post, form.to_data(), form.cover.data)
    except UploadError as exc:
        form.cover.errors = [*form.cover.errors, str(exc)]
        return _edit_page(form, post, status=400)
    flash(_("The post is saved."), "success")
    return redirect(url_for("blog.manage_edit", post_id=saved.id))


@bp.route("/manage/blog/new", methods=["GET", "POST"])
@login_required
def manage_new():
    """Write a new post (news without an event, or a story about one)."""
    form = PostForm(user=current_user)
    if request.method == "GET":
        form.event_id.data = id_arg("event") or 0
        return _edit_page(form, None)
    return _save(form, None)


@bp.route("/manage/blog/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def manage_edit(post_id: int):
    """Edit a post: text, translation, event, cover, status and publish time."""
    post = _editable_post(post_id)
    form = PostForm(post=post, user=current_user)
    if request.method == "GET":
        form.fill_from(post)
        return _edit_page(form, post)
    return _save(form, post)


@bp.post("/manage/blog/preview")
@login_required
def manage_preview():
    """The sanitised HTML of Markdown sent by the editor's live preview (CSRF in a header)."""
    payload = request.get_json(silent=True) if request.is_json else None
    text = payload.get("body", "") if isinstance(payload, dict) else request.form.get("body", "")
    return jsonify(html=str(render_markdown(text if isinstance(text, str) else "")))


@bp.post("/manage/blog/<int:post_id>/photos")
@login_required
def manage_add_photo(post_id: int):
    """Add a photo with its caption."""
    post = _editable_post(post_id)
    form = PhotoForm(prefix="photo")
    if form.validate_on_submit():
        try:
            services.add_photo(current_user, post, form.photo.data, form.caption.data or "")
        except UploadError as exc:
            form.photo.errors = [*form.photo.errors, str(exc)]
        else:
            flash(_("The photo is added."), "success")
            return redirect(url_for("blog.manage_edit", post_id=post.id) + "#photos")
    edit_form = PostForm(post=post, user=current_user)
    edit_form.fill_from(post)
    return _edit_page(edit_form, post, status=400, photo_form=form)


@bp.post("/manage/blog/<int:post_id>/photos/<int:photo_id>/caption")
@login_required
def manage_caption(post_id: int, photo_id: int):
    """Change a photo's caption."""
    post = _editable_post(post_id)
    photo = _photo(post, photo_id)
    form = CaptionForm(prefix=f"caption-{photo.id}")
    if form.validate_on_submit():
        services.update_caption(current_user, photo, form.caption.data or "")
        flash(_("The caption is saved."), "success")
    else:
        flash(_("The caption is too long."), "error")
    return redirect(url_for("blog.manage_edit", post_id=post.id) + "#photos")


@bp.post("/manage/blog/<int:post_id>/photos/<int:photo_id>/delete")
@login_required
def manage_remove_photo(post_id: int, photo_id: int):
    """Remove a photo."""
    post = _editable_post(post_id)
    photo = _photo(post, photo_id)
    if ConfirmForm().validate_on_submit():
        services.remove_photo(current_user, photo)
        flash(_("The photo is removed."), "success")
    return redirect(url_for("blog.manage_edit", post_id=post.id) + "#photos")


@bp.post("/manage/blog/<int:post_id>/refresh-facts")
@login_required
def manage_refresh_facts(post_id: int):
    """Recount a draft's figures from its event (published figures stay frozen)."""
    post = _editable_post(post_id)
    if ConfirmForm().validate_on_submit():
        if post.facts and post.facts.get("frozen_at"):
            flash(_("The figures were frozen when the post was published."), "warning")
        else:
            services.refresh_facts(post)
            db.session.commit()
            flash(_("The figures are counted again."), "success")
    return redirect(url_for("blog.manage_edit", post_id=post.id))


@bp.post("/manage/events/<slug>/story")
@login_required
def write_story(slug: str):
    """ "Write the story": a draft about a past event, filled from its data."""
    if not slug.isprintable():
        raise NotFound(_("No such event."))
    event = get_managed_event(current_user, slug)
    if not ConfirmForm().validate_on_submit():
        flash(_("The form expired. Please try again."), "error")
        return redirect(url_for("manage.event", slug=event.slug))
    try:
        post = services.write_story(current_user, event, again=request.form.get("again") == "1")
    except DomainError as exc:
        flash(exc.message, "error")
        return redirect(url_for("manage.event", slug=event.slug))
    flash(_("A draft of the story is written. Edit it freely before publishing."), "success")
    return redirect(url_for("blog.manage_edit", post_id=post.id))
