from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from directory.api import hsds, reference_views, search_views, write

router = SimpleRouter()
router.register("offers", search_views.OfferViewSet, basename="offer")
router.register("environments", search_views.EnvironmentViewSet, basename="environment")
router.register("organisations", reference_views.OrganisationViewSet, basename="organisation")
router.register("member/offers", write.MemberOfferViewSet, basename="member-offer")
router.register("member/environments", write.MemberEnvironmentViewSet, basename="member-environment")

v1 = [
    # Before the router, so "clusters" is not taken for a place's slug.
    path(
        "environments/clusters/", search_views.EnvironmentClusterView.as_view(), name="environment-clusters"
    ),
    path("geocode/", search_views.GeocodeView.as_view(), name="geocode"),
    path("member/token/", write.TokenView.as_view(), name="member-token"),
    path("subjects/", reference_views.SubjectList.as_view(), name="subject-list"),
    path("grades/", reference_views.GradeList.as_view(), name="grade-list"),
    path("categories/", reference_views.CategoryList.as_view(), name="category-list"),
    path("municipalities/", reference_views.MunicipalityList.as_view(), name="municipality-list"),
    path("regions/", reference_views.RegionList.as_view(), name="region-list"),
    # Open Referral HSDS 3.0 shape of the same data (directory/api/hsds.py).
    path("hsds/", hsds.HSDSRoot.as_view(), name="hsds-root"),
    path("hsds/services/", hsds.HSDSServiceList.as_view(), name="hsds-services"),
    path("hsds/services/<slug:slug>/", hsds.HSDSServiceDetail.as_view(), name="hsds-service"),
    path("hsds/taxonomy_terms/", hsds.HSDSTaxonomyTerms.as_view(), name="hsds-taxonomy-terms"),
    *router.urls,
]

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("v1/", include((v1, "api-v1"))),
]
