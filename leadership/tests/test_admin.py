def test_it_lets_only_superusers_into_the_admin(client_for, district_admin):
    from leadership.models import User

    response = client_for(district_admin).get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")

    root = User.objects.create_superuser(email="root@deepbench.test", password="x", full_name="R")
    response = client_for(root).get("/admin/")
    assert response.status_code == 200
    assert "Deep Bench administration" in response.content.decode()
