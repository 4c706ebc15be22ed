"""The mix bench/load.py drives (locust, headless): people as SatuPintu meets them at opening hours.

Officers work their inbox and records and take actions; applicants browse the catalogue and file
requests (with an Idempotency-Key, retried once after a connection error as a careful client does);
treasurers confirm payments; kiosks take tickets and display boards poll, where the front desk exists.
A 409 (someone else acted first) is a correct answer, not an error. Settings come from the environment
bench/load.py sets: SATUPINTU_LOAD_PASSWORD, SATUPINTU_LOAD_OFFICES, SATUPINTU_LOAD_TAG.
"""
from __future__ import annotations

import os
import random
import string
import uuid

from locust import HttpUser, between, task
from locust.exception import StopUser

PASSWORD = os.environ.get("SATUPINTU_LOAD_PASSWORD", "SatuPintu-Demo-1")
OFFICES = os.environ.get("SATUPINTU_LOAD_OFFICES", "3324,1904,3300,0000").split(",")
TAG = os.environ.get("SATUPINTU_LOAD_TAG", "load")
API = "/api/v1/sales_request"


def rison_status(state: str, size: int = 20) -> str:
    return f"?q=(filters:!((col:status,opr:eq,value:{state})),order_column:id,order_direction:asc,page_size:{size})"


class SignedIn(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    username = ""

    def on_start(self):
        self.office = random.choice(OFFICES)
        name = self.username.format(office=self.office)
        with self.client.post("/api/v1/security/login", json={"username": name, "password": PASSWORD,
                                                               "provider": "db"},
                              name="login", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"login {name}: {response.status_code}")
                raise StopUser()
            self.auth = {"Authorization": f"Bearer {response.json()['access_token']}"}

    def get(self, path, name):
        return self.client.get(path, headers=self.auth, name=name)

    def act(self, record_id, action, name, **data):
        with self.client.post(f"{API}/{record_id}/transition/{action}", json=data, headers=self.auth,
                              name=name, catch_response=True) as response:
            if response.status_code in (200, 409):  # 409: another officer was first
                response.success()

    def ids_in(self, state) -> list[int]:
        response = self.get(API + "/" + rison_status(state), f"list {state}")
        return response.json().get("ids", []) if response.status_code == 200 else []


class Officer(SignedIn):
    username = "officer-{office}"
    weight = 3

    @task(3)
    def worklist(self):
        self.get(API + "/?q=(order_column:id,order_direction:desc,page_size:25)", "officer worklist")

    @task(2)
    def open_record(self):
        ids = self.ids_in("submitted") or self.ids_in("verified")
        if ids:
            record_id = random.choice(ids)
            self.get(f"{API}/{record_id}", "officer record")
            self.get(f"{API}/{record_id}/transitions", "officer transitions")

    @task(2)
    def verify(self):
        ids = self.ids_in("submitted")
        if ids:
            self.act(random.choice(ids), "verify", "officer verify")

    @task(1)
    def invoice(self):
        ids = self.ids_in("verified")
        if ids:
            self.act(random.choice(ids), "issue_invoice", "officer issue invoice")


class Treasurer(SignedIn):
    username = "treasurer-{office}"
    weight = 1

    @task
    def confirm(self):
        ids = self.ids_in("invoiced")
        if ids:
            ntpn = "".join(random.choices(string.ascii_uppercase + string.digits, k=16))
            self.act(random.choice(ids), "confirm_payment", "treasurer confirm payment", method="billing", ntpn=ntpn)


class Applicant(SignedIn):
    username = "applicant{n}"
    weight = 4

    def on_start(self):
        self.username = f"applicant{random.choice((1, 2))}"
        super().on_start()
        self.products = {}

    @task(4)
    def catalogue(self):
        response = self.get("/api/v1/product/?q=(page_size:50)", "catalogue")
        if response.status_code == 200:
            for row in response.json().get("result", []):
                if row.get("product_type") == "publication":
                    self.products.setdefault(row["office"]["code"], set()).add(row["id"])
        self.get("/api/v1/tariff/?q=(page_size:50)", "tariffs")

    @task(2)
    def my_requests(self):
        self.get(API + "/?q=(order_column:id,order_direction:desc,page_size:10)", "applicant my requests")

    @task(2)
    def file_request(self):
        if not self.products:
            return self.catalogue()
        office = random.choice(list(self.products))
        key = uuid.uuid4().hex
        body = {"office": office, "purpose": f"{TAG} {key}",
                "lines": [{"product": random.choice(sorted(self.products[office])), "quantity": 1}]}
        headers = {**self.auth, "Idempotency-Key": key}
        created = None
        for attempt in range(2):  # a careful client retries once, with the same key
            with self.client.post(API + "/", json=body, headers=headers, name="applicant file request",
                                  catch_response=True) as response:
                if response.status_code == 201:
                    created = response.json()["id"]
                    break
                if response.status_code == 409 and attempt == 0:  # the first is still running
                    response.success()
        if created:
            self.act(created, "submit", "applicant submit")


class Kiosk(SignedIn):
    """Only where the front desk is installed (bench/load.py probes for it)."""

    username = "kiosk-{office}"
    weight = 1

    @task
    def take_ticket(self):
        with self.client.post("/api/v1/queue_ticket/", json={"service": "sales"}, headers=self.auth,
                              name="kiosk take ticket", catch_response=True) as response:
            if response.status_code in (200, 201, 409, 422):
                response.success()


class DisplayBoard(HttpUser):
    """Only where the front desk is installed; public, polls every few seconds."""

    wait_time = between(2, 4)
    weight = 1

    def on_start(self):
        self.office = random.choice(OFFICES)

    @task
    def poll(self):
        self.client.get(f"/display/{self.office}/state.json", name="display board poll")
