from django.urls import path

from goodideas import views

app_name = "goodideas"

urlpatterns = [
    path("", views.idea_list, name="list"),
    path("submit/", views.submit, name="submit"),
    path("submit/thanks/", views.submitted, name="submitted"),
    path("<slug:slug>/", views.idea_detail, name="detail"),
]
